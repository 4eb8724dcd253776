terraform {
  # google >= 4.9, < 9.0:
  # - 4.0.0 requires a source on INGRESS rules (every rule here has source_ranges or source_tags) and tracks source_ranges changes; 4.9.0 fixed validation that found a not-yet-known source_ranges empty (hashicorp/terraform-provider-google#10976), which `terraform validate` on a module hits.
  # - google_compute_firewall keeps every argument used here through 5.x, 6.x and 7.x, and the 8.0 upgrade guide changes none of them (the 5, 6, 7 and 8 guides list no google_compute_firewall change).
  # - 9.0 is not released: a major may remove arguments.
  # Terraform >= 1.9: input validations that name other inputs (var.ipv6 in an address list's) need 1.9.

  required_version = ">= 1.9"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 4.9, < 9.0"
    }
  }
}
