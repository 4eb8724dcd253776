output "admin_host_network_tags" {
  description = "Network tags the SecureTransport Administration host instances must carry (unused: the rules match instances by service account when service_accounts is set)"
  value       = var.service_accounts != null ? [] : ["${var.name}-admin-host"]
}

output "admin_host_service_account" {
  description = "Service account the SecureTransport Administration host instances must run as (null unless service_accounts is set)"
  value       = var.service_accounts != null ? var.service_accounts.admin_host : null
}

output "edge_network_tags" {
  description = "Network tags the SecureTransport Edge instances must carry (unused: the rules match instances by service account when service_accounts is set)"
  value       = var.service_accounts != null ? [] : ["${var.name}-edge"]
}

output "edge_service_account" {
  description = "Service account the SecureTransport Edge instances must run as (null unless service_accounts is set)"
  value       = var.service_accounts != null ? var.service_accounts.edge : null
}

output "server_network_tags" {
  description = "Network tags the SecureTransport Server instances must carry (unused: the rules match instances by service account when service_accounts is set)"
  value       = var.service_accounts != null ? [] : ["${var.name}-server"]
}

output "server_service_account" {
  description = "Service account the SecureTransport Server instances must run as (null unless service_accounts is set)"
  value       = var.service_accounts != null ? var.service_accounts.server : null
}
