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
  source = "../../modules/gcp-groups"

  name = "st-prod"
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode = "native"
  network   = "securetransport"
}

output "admin_host_network_tags" {
  value = module.securetransport_firewall.admin_host_network_tags
}

output "admin_host_service_account" {
  value = module.securetransport_firewall.admin_host_service_account
}

output "edge_network_tags" {
  value = module.securetransport_firewall.edge_network_tags
}

output "edge_service_account" {
  value = module.securetransport_firewall.edge_service_account
}

output "server_network_tags" {
  value = module.securetransport_firewall.server_network_tags
}

output "server_service_account" {
  value = module.securetransport_firewall.server_service_account
}
