terraform {
  # azurerm >= 3.28, < 6.0:
  # - 3.0.0 made protocol case-sensitive ("Tcp", "Udp", "Icmp", "*" as written here); 3.28.0 stores the casing Azure returns normalised (hashicorp/terraform-provider-azurerm#18799), before it rules could show a perpetual diff.
  # - azurerm_network_security_group, azurerm_network_security_rule and azurerm_application_security_group keep every argument used here through 4.x and 5.x (the 4.0 and 5.0 upgrade guides change none of them).
  # - Since 4.38.0 a rule needs exactly one source and one destination field (#29675): every rule here sets exactly one of each.
  # - 6.0 is not released: a major may remove arguments.
  # Terraform >= 1.9: input validations that name other inputs (var.ipv6 in an address list's) need 1.9.

  required_version = ">= 1.9"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.28, < 6.0"
    }
  }
}

provider "azurerm" {
  features {}
}

module "securetransport_firewall" {
  source = "../../modules/azure-groups"

  name = "st-prod"
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode           = "native"
  resource_group_name = "rg-securetransport"
  location            = "westeurope"
}

output "admin_host_application_security_group_id" {
  value = module.securetransport_firewall.admin_host_application_security_group_id
}

output "edge_application_security_group_id" {
  value = module.securetransport_firewall.edge_application_security_group_id
}

output "edge_network_security_group_id" {
  value = module.securetransport_firewall.edge_network_security_group_id
}

output "server_application_security_group_id" {
  value = module.securetransport_firewall.server_application_security_group_id
}

output "server_network_security_group_id" {
  value = module.securetransport_firewall.server_network_security_group_id
}
