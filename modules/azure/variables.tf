variable "name" {
  description = "Prefix of every name this module creates (security groups, NSGs, firewall rules, network tags). Lowercase letters, digits and hyphens, starting with a letter, at most 33 characters."
  type        = string
  default     = "securetransport"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", var.name)) && length(var.name) <= 33
    error_message = "name: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, at most 33 characters (GCP names derived from it must fit in 63): \"${var.name}\"."
  }
}

variable "edge_private_ips" {
  description = "Private addresses or CIDRs of the SecureTransport Edge hosts (IPv6 too with ipv6 = true)."
  type        = list(string)

  validation {
    condition     = length(var.edge_private_ips) >= 1
    error_message = "edge_private_ips: list at least one address or CIDR."
  }
  validation {
    condition     = length(var.edge_private_ips) <= 4000
    error_message = "edge_private_ips: more than 4000 entries (Azure's limit for one rule side; GCP takes 5000 source ranges per rule), use wider CIDRs: ${length(var.edge_private_ips)}."
  }
  validation {
    condition     = alltrue([for ip in var.edge_private_ips : (length(split(":", ip)) > 1 ? can(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip)))])
    error_message = "edge_private_ips: every entry must be an IPv4 or IPv6 address or CIDR, such as \"10.0.1.10\" or \"10.0.1.0/24\": ${jsonencode([for ip in var.edge_private_ips : ip if !(length(split(":", ip)) > 1 ? can(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip)))])}."
  }
  validation {
    condition     = var.ipv6 || alltrue([for ip in var.edge_private_ips : length(split(":", ip)) == 1])
    error_message = "edge_private_ips: IPv6 entries need ipv6 = true: ${jsonencode([for ip in var.edge_private_ips : ip if length(split(":", ip)) > 1])}."
  }
  validation {
    condition     = alltrue([for ip in var.edge_private_ips : try(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0) == cidrhost(length(split(":", ip)) > 1 ? "${split("/", ip)[0]}/128" : "${split("/", ip)[0]}/32", 0), true)])
    error_message = "edge_private_ips: a CIDR has host bits set, write its network address (\"10.0.1.0/24\", not \"10.0.1.5/24\"): ${jsonencode([for ip in var.edge_private_ips : ip if !try(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0) == cidrhost(length(split(":", ip)) > 1 ? "${split("/", ip)[0]}/128" : "${split("/", ip)[0]}/32", 0), true)])}."
  }
  validation {
    condition     = length(flatten([for i, a in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q and %q", var.edge_private_ips[i], var.edge_private_ips[j]) if j > i && try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]])) == 0
    error_message = "edge_private_ips: one host listed twice (in any spelling) or overlapping CIDRs, list each host once: ${join(", ", flatten([for i, a in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q and %q", var.edge_private_ips[i], var.edge_private_ips[j]) if j > i && try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]]))}."
  }
  validation {
    condition     = length([for ip in var.edge_private_ips : ip if length(split(":", ip)) == 1]) >= 1
    error_message = "edge_private_ips: list at least one IPv4 address or CIDR (this module writes every rule's IPv4 half): ${jsonencode(var.edge_private_ips)}."
  }
}

variable "server_private_ips" {
  description = "Private addresses or CIDRs of the SecureTransport Server hosts (IPv6 too with ipv6 = true)."
  type        = list(string)

  validation {
    condition     = length(var.server_private_ips) >= 1
    error_message = "server_private_ips: list at least one address or CIDR."
  }
  validation {
    condition     = length(var.server_private_ips) <= 4000
    error_message = "server_private_ips: more than 4000 entries (Azure's limit for one rule side; GCP takes 5000 source ranges per rule), use wider CIDRs: ${length(var.server_private_ips)}."
  }
  validation {
    condition     = alltrue([for ip in var.server_private_ips : (length(split(":", ip)) > 1 ? can(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip)))])
    error_message = "server_private_ips: every entry must be an IPv4 or IPv6 address or CIDR, such as \"10.0.1.10\" or \"10.0.1.0/24\": ${jsonencode([for ip in var.server_private_ips : ip if !(length(split(":", ip)) > 1 ? can(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip)))])}."
  }
  validation {
    condition     = var.ipv6 || alltrue([for ip in var.server_private_ips : length(split(":", ip)) == 1])
    error_message = "server_private_ips: IPv6 entries need ipv6 = true: ${jsonencode([for ip in var.server_private_ips : ip if length(split(":", ip)) > 1])}."
  }
  validation {
    condition     = alltrue([for ip in var.server_private_ips : try(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0) == cidrhost(length(split(":", ip)) > 1 ? "${split("/", ip)[0]}/128" : "${split("/", ip)[0]}/32", 0), true)])
    error_message = "server_private_ips: a CIDR has host bits set, write its network address (\"10.0.1.0/24\", not \"10.0.1.5/24\"): ${jsonencode([for ip in var.server_private_ips : ip if !try(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0) == cidrhost(length(split(":", ip)) > 1 ? "${split("/", ip)[0]}/128" : "${split("/", ip)[0]}/32", 0), true)])}."
  }
  validation {
    condition     = length(flatten([for i, a in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q and %q", var.server_private_ips[i], var.server_private_ips[j]) if j > i && try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]])) == 0
    error_message = "server_private_ips: one host listed twice (in any spelling) or overlapping CIDRs, list each host once: ${join(", ", flatten([for i, a in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q and %q", var.server_private_ips[i], var.server_private_ips[j]) if j > i && try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]]))}."
  }
  validation {
    condition     = length(flatten([for i, a in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q (edge_private_ips %q)", var.server_private_ips[i], var.edge_private_ips[j]) if try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]])) == 0
    error_message = "server_private_ips: hosts also in edge_private_ips (each host belongs to one group, once): ${join(", ", flatten([for i, a in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q (edge_private_ips %q)", var.server_private_ips[i], var.edge_private_ips[j]) if try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]]))}."
  }
  validation {
    condition     = length([for ip in var.server_private_ips : ip if length(split(":", ip)) == 1]) >= 1
    error_message = "server_private_ips: list at least one IPv4 address or CIDR (this module writes every rule's IPv4 half): ${jsonencode(var.server_private_ips)}."
  }
}

variable "admin_host_private_ips" {
  description = "Private addresses or CIDRs of the Administration host(s) (IPv6 too with ipv6 = true)."
  type        = list(string)

  validation {
    condition     = length(var.admin_host_private_ips) >= 1
    error_message = "admin_host_private_ips: list at least one address or CIDR."
  }
  validation {
    condition     = length(var.admin_host_private_ips) <= 4000
    error_message = "admin_host_private_ips: more than 4000 entries (Azure's limit for one rule side; GCP takes 5000 source ranges per rule), use wider CIDRs: ${length(var.admin_host_private_ips)}."
  }
  validation {
    condition     = alltrue([for ip in var.admin_host_private_ips : (length(split(":", ip)) > 1 ? can(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip)))])
    error_message = "admin_host_private_ips: every entry must be an IPv4 or IPv6 address or CIDR, such as \"10.0.1.10\" or \"10.0.1.0/24\": ${jsonencode([for ip in var.admin_host_private_ips : ip if !(length(split(":", ip)) > 1 ? can(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip)))])}."
  }
  validation {
    condition     = var.ipv6 || alltrue([for ip in var.admin_host_private_ips : length(split(":", ip)) == 1])
    error_message = "admin_host_private_ips: IPv6 entries need ipv6 = true: ${jsonencode([for ip in var.admin_host_private_ips : ip if length(split(":", ip)) > 1])}."
  }
  validation {
    condition     = alltrue([for ip in var.admin_host_private_ips : try(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0) == cidrhost(length(split(":", ip)) > 1 ? "${split("/", ip)[0]}/128" : "${split("/", ip)[0]}/32", 0), true)])
    error_message = "admin_host_private_ips: a CIDR has host bits set, write its network address (\"10.0.1.0/24\", not \"10.0.1.5/24\"): ${jsonencode([for ip in var.admin_host_private_ips : ip if !try(cidrhost(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0) == cidrhost(length(split(":", ip)) > 1 ? "${split("/", ip)[0]}/128" : "${split("/", ip)[0]}/32", 0), true)])}."
  }
  validation {
    condition     = length(flatten([for i, a in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q and %q", var.admin_host_private_ips[i], var.admin_host_private_ips[j]) if j > i && try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]])) == 0
    error_message = "admin_host_private_ips: one host listed twice (in any spelling) or overlapping CIDRs, list each host once: ${join(", ", flatten([for i, a in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q and %q", var.admin_host_private_ips[i], var.admin_host_private_ips[j]) if j > i && try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]]))}."
  }
  validation {
    condition     = length(flatten([for i, a in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q (edge_private_ips %q)", var.admin_host_private_ips[i], var.edge_private_ips[j]) if try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]])) == 0
    error_message = "admin_host_private_ips: hosts also in edge_private_ips (each host belongs to one group, once): ${join(", ", flatten([for i, a in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.edge_private_ips, 0, length(var.edge_private_ips) > 4000 ? 0 : length(var.edge_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q (edge_private_ips %q)", var.admin_host_private_ips[i], var.edge_private_ips[j]) if try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]]))}."
  }
  validation {
    condition     = length(flatten([for i, a in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q (server_private_ips %q)", var.admin_host_private_ips[i], var.server_private_ips[j]) if try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]])) == 0
    error_message = "admin_host_private_ips: hosts also in server_private_ips (each host belongs to one group, once): ${join(", ", flatten([for i, a in [for ip in slice(var.admin_host_private_ips, 0, length(var.admin_host_private_ips) > 4000 ? 0 : length(var.admin_host_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : [for j, b in [for ip in slice(var.server_private_ips, 0, length(var.server_private_ips) > 4000 ? 0 : length(var.server_private_ips)) : try(cidrsubnet(length(split("/", ip)) == 2 ? ip : (length(split(":", ip)) > 1 ? "${ip}/128" : "${ip}/32"), 0, 0), ip)] : format("%q (server_private_ips %q)", var.admin_host_private_ips[i], var.server_private_ips[j]) if try((length(split(":", a)) > 1) == (length(split(":", b)) > 1) && cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) == cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0), false)]]))}."
  }
  validation {
    condition     = length([for ip in var.admin_host_private_ips : ip if length(split(":", ip)) == 1]) >= 1
    error_message = "admin_host_private_ips: list at least one IPv4 address or CIDR (this module writes every rule's IPv4 half): ${jsonencode(var.admin_host_private_ips)}."
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

variable "resource_group_name" {
  description = "Existing resource group the network security groups go into."
  type        = string
}

variable "location" {
  description = "Azure location of the network security groups, such as \"westeurope\"."
  type        = string
}

variable "tags" {
  description = "Tags for every taggable resource, merged under st-firewall's own (purpose, generator), which win on a conflict."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(setunion(keys(var.tags), ["purpose", "generator"])) <= 50
    error_message = "tags: more than Azure's 50 tags per resource with st-firewall's own (purpose, generator): ${length(var.tags)} given, ${length(setunion(keys(var.tags), ["purpose", "generator"]))} in all."
  }
  validation {
    condition     = alltrue([for k in keys(var.tags) : length(k) >= 1 && length(k) <= 512])
    error_message = "tags: keys must be 1-512 characters: ${jsonencode([for k in keys(var.tags) : k if length(k) < 1 || length(k) > 512])}."
  }
  validation {
    condition     = alltrue([for v in values(var.tags) : length(v) <= 256])
    error_message = "tags: values must be at most 256 characters: ${jsonencode({ for k, v in var.tags : k => v if length(v) > 256 })}."
  }
  validation {
    condition     = alltrue([for k in keys(var.tags) : !can(regex("[<>%&\\\\?/]", k))])
    error_message = "tags: Azure refuses < > % & \\ ? / in tag names: ${jsonencode([for k in keys(var.tags) : k if can(regex("[<>%&\\\\?/]", k))])}."
  }
}
