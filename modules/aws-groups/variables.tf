variable "name" {
  description = "Prefix of every name this module creates (security groups, NSGs, firewall rules, network tags). Lowercase letters, digits and hyphens, starting with a letter, at most 33 characters."
  type        = string
  default     = "securetransport"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", var.name)) && length(var.name) <= 33
    error_message = "name: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, at most 33 characters (GCP names derived from it must fit in 63): \"${var.name}\"."
  }
}

variable "ftp_passive_ports" {
  description = "The FTP passive-mode port range (the vendor's \"User-defined range\"), opened to Any on the Edges."
  type        = object({ from = number, to = number })

  validation {
    condition     = var.ftp_passive_ports.from >= 1 && var.ftp_passive_ports.to <= 65535 && var.ftp_passive_ports.from <= var.ftp_passive_ports.to && floor(var.ftp_passive_ports.from) == var.ftp_passive_ports.from && floor(var.ftp_passive_ports.to) == var.ftp_passive_ports.to
    error_message = "ftp_passive_ports: whole port numbers within 1-65535, from <= to: ${jsonencode(var.ftp_passive_ports)}."
  }
  validation {
    condition     = alltrue([for r in [[80, 80], [443, 443], [10022, 10022], [21, 21], [20, 20], [10080, 10080], [10443, 10443], [17617, 17617], [17627, 17627], [17637, 17637], [19617, 19617], [19627, 19627], [20080, 20080], [20022, 20022], [20021, 20021], [21080, 21080], [20444, 20444], [27617, 27617], [33060, 33060], [33060, 33060], [22, 22], [444, 444], [444, 444], [8005, 8005], [8006, 8006], [7800, 7802]] : r[1] < var.ftp_passive_ports.from || r[0] > var.ftp_passive_ports.to])
    error_message = "ftp_passive_ports: the range overlaps a TCP port the Edge already lists (the range is opened to Any; choose one clear of them): ${var.ftp_passive_ports.from}-${var.ftp_passive_ports.to} overlaps ${join(", ", [for r in [[80, 80], [443, 443], [10022, 10022], [21, 21], [20, 20], [10080, 10080], [10443, 10443], [17617, 17617], [17627, 17627], [17637, 17637], [19617, 19617], [19627, 19627], [20080, 20080], [20022, 20022], [20021, 20021], [21080, 21080], [20444, 20444], [27617, 27617], [33060, 33060], [33060, 33060], [22, 22], [444, 444], [444, 444], [8005, 8005], [8006, 8006], [7800, 7802]] : r[0] == r[1] ? "${r[0]}" : "${r[0]}-${r[1]}" if !(r[1] < var.ftp_passive_ports.from || r[0] > var.ftp_passive_ports.to)])}."
  }
}

variable "icmp_mode" {
  description = "\"native\": ICMP from the Servers as one native rule. \"vendor\": the vendor page's deny TCP, deny UDP, allow all from the Servers (AWS has no deny rules and keeps the native rule)."
  type        = string
  default     = "native"

  validation {
    condition     = contains(["native", "vendor"], var.icmp_mode)
    error_message = "icmp_mode: \"native\" or \"vendor\", not \"${var.icmp_mode}\"."
  }
}

variable "ipv6" {
  description = "IPv6 on: the address lists may hold IPv6 addresses and CIDRs, \"Any\" covers ::/0 too, and ICMP covers ICMPv6 where the cloud has it (as the config's \"ipv6\")."
  type        = bool
  default     = false
}

variable "vpc_id" {
  description = "VPC of the security groups; null for the default VPC."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every taggable resource, merged under st-firewall's own (Name, st-firewall:rule), which win on a conflict."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(setunion(keys(var.tags), ["Name", "st-firewall:rule"])) <= 50
    error_message = "tags: more than AWS's 50 tags per resource with st-firewall's own (Name, st-firewall:rule): ${length(var.tags)} given, ${length(setunion(keys(var.tags), ["Name", "st-firewall:rule"]))} in all."
  }
  validation {
    condition     = alltrue([for k in keys(var.tags) : length(k) >= 1 && length(k) <= 128])
    error_message = "tags: keys must be 1-128 characters: ${jsonencode([for k in keys(var.tags) : k if length(k) < 1 || length(k) > 128])}."
  }
  validation {
    condition     = alltrue([for v in values(var.tags) : length(v) <= 256])
    error_message = "tags: values must be at most 256 characters: ${jsonencode({ for k, v in var.tags : k => v if length(v) > 256 })}."
  }
  validation {
    condition     = alltrue([for k in keys(var.tags) : !startswith(lower(k), "aws:")])
    error_message = "tags: the \"aws:\" prefix is reserved by AWS: ${jsonencode([for k in keys(var.tags) : k if startswith(lower(k), "aws:")])}."
  }
}

variable "admin_host_security_group_id" {
  description = "The Administration host's existing security group; null: the module creates one (output admin_host_security_group_id)."
  type        = string
  default     = null

  validation {
    condition     = var.admin_host_security_group_id == null || can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.admin_host_security_group_id))
    error_message = "admin_host_security_group_id: must be a security group id such as \"sg-0123456789abcdef0\": \"${coalesce(var.admin_host_security_group_id, "null")}\"."
  }
}

variable "load_balancer_security_group_id" {
  description = "The load balancer's security group, as the source of the vendor's \"Any\" rules (as the vendor's AWS guide does) instead of 0.0.0.0/0 and ::/0; null: from anywhere."
  type        = string
  default     = null

  validation {
    condition     = var.load_balancer_security_group_id == null || can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.load_balancer_security_group_id))
    error_message = "load_balancer_security_group_id: must be a security group id such as \"sg-0123456789abcdef0\": \"${coalesce(var.load_balancer_security_group_id, "null")}\"."
  }
}
