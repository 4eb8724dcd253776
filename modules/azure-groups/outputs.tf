output "admin_host_application_security_group_id" {
  description = "Application security group for the network interfaces of the Administration host (SecureTransport admin traffic)"
  value       = azurerm_application_security_group.admin_host_asg.id
}

output "edge_application_security_group_id" {
  description = "Application security group for the network interfaces of the SecureTransport Edge hosts"
  value       = azurerm_application_security_group.edge_asg.id
}

output "edge_network_security_group_id" {
  description = "Network security group to associate with the SecureTransport Edge hosts (NICs or subnet)"
  value       = azurerm_network_security_group.edge.id
}

output "server_application_security_group_id" {
  description = "Application security group for the network interfaces of the SecureTransport Server hosts"
  value       = azurerm_application_security_group.server_asg.id
}

output "server_network_security_group_id" {
  description = "Network security group to associate with the SecureTransport Server hosts (NICs or subnet)"
  value       = azurerm_network_security_group.server.id
}
