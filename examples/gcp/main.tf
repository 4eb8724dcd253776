terraform {
  required_version = ">= 1.9"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0, < 7.0"
    }
  }
}

provider "google" {
  project = "my-project"
  region  = "europe-west1"
}

module "securetransport_firewall" {
  source = "../../modules/gcp"

  name                   = "st-prod"
  edge_private_ips       = ["10.0.1.10", "10.0.1.11"]
  server_private_ips     = ["10.0.2.10", "10.0.2.11"]
  admin_host_private_ips = ["10.0.9.5"]
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode = "native"
  network   = "securetransport"
}

output "edge_network_tags" {
  value = module.securetransport_firewall.edge_network_tags
}

output "server_network_tags" {
  value = module.securetransport_firewall.server_network_tags
}
