terraform {
  # aws >= 5.0, < 7.0:
  # - aws_vpc_security_group_ingress_rule and _egress_rule first shipped in 4.56.0 (hashicorp/terraform-provider-aws#29484).
  # - 5.0.0 lets a key be in both the provider's default_tags and a resource's tags (the resource wins); 4.x did not, and the modules take tags.
  # - aws_security_group and both rule resources keep every argument used here through 5.x and 6.x (the 5 and 6 upgrade guides change none of them).
  # - 7.0 is not released: a major may remove arguments.
  # Terraform >= 1.9: input validations that name other inputs (var.ipv6 in an address list's) need 1.9.

  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "securetransport_firewall" {
  source = "../../modules/aws"

  name                   = "st-prod"
  edge_private_ips       = ["10.0.1.10", "10.0.1.11"]
  server_private_ips     = ["10.0.2.10", "10.0.2.11"]
  admin_host_private_ips = ["10.0.9.5"]
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode = "native"
  vpc_id    = "vpc-0123456789abcdef0"
}

output "edge_security_group_id" {
  value = module.securetransport_firewall.edge_security_group_id
}

output "server_security_group_id" {
  value = module.securetransport_firewall.server_security_group_id
}
