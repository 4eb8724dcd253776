output "admin_host_security_group_id" {
  description = "Security group to attach to the Administration host (the SecureTransport rules name it as the source of admin traffic)"
  value       = var.admin_host_security_group_id != null ? var.admin_host_security_group_id : aws_security_group.admin_host[0].id
}

output "edge_security_group_id" {
  description = "Security group to attach to the SecureTransport Edge hosts"
  value       = aws_security_group.edge.id
}

output "server_security_group_id" {
  description = "Security group to attach to the SecureTransport Server hosts"
  value       = aws_security_group.server.id
}
