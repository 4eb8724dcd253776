output "admin_host_network_tags" {
  description = "Network tags the SecureTransport Administration host instances must carry"
  value       = ["${var.name}-admin-host"]
}

output "edge_network_tags" {
  description = "Network tags the SecureTransport Edge instances must carry"
  value       = ["${var.name}-edge"]
}

output "server_network_tags" {
  description = "Network tags the SecureTransport Server instances must carry"
  value       = ["${var.name}-server"]
}
