terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30, < 7.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "securetransport_firewall" {
  source = "../../modules/aws-groups"

  name = "st-prod"
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode = "native"
  vpc_id    = "vpc-0123456789abcdef0"
}

output "admin_host_security_group_id" {
  value = module.securetransport_firewall.admin_host_security_group_id
}

output "edge_security_group_id" {
  value = module.securetransport_firewall.edge_security_group_id
}

output "server_security_group_id" {
  value = module.securetransport_firewall.server_security_group_id
}
