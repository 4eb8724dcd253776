output "edge_network_security_group_id" {
  description = "Network security group to associate with the SecureTransport Edge hosts (NICs or subnet)"
  value       = azurerm_network_security_group.edge.id
}

output "server_network_security_group_id" {
  description = "Network security group to associate with the SecureTransport Server hosts (NICs or subnet)"
  value       = azurerm_network_security_group.server.id
}
