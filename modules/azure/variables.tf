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

variable "extra_rules" {
  description = "Extra rules of your own, beside the vendor's (as the config's \"rules\", keyed by rule id): { group = \"edge\" | \"server\", protocol = \"tcp\" | \"udp\" | \"icmp\" | \"all\", ports = \"80\" | \"7800-7802\" | \"*\" (tcp and udp only), source = \"any\" | \"edge\" | \"server\" | \"adminHost\" | [CIDRs], action = \"allow\" (default) or \"deny\", priority = 100-4000 (free in its group), description }."
  type        = any
  default     = {}

  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(length(setsubtract(keys(r), ["group", "protocol", "ports", "source", "action", "priority", "description"])) == 0 && alltrue([for k in ["group", "protocol", "source", "priority", "description"] : contains(keys(r), k)]), false)])
    error_message = "extra_rules: each rule is an object with group, protocol, source, priority, description and optionally ports and action (no other keys): ${jsonencode({ for id, r in var.extra_rules : id => r if !try(length(setsubtract(keys(r), ["group", "protocol", "ports", "source", "action", "priority", "description"])) == 0 && alltrue([for k in ["group", "protocol", "source", "priority", "description"] : contains(keys(r), k)]), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", id)) && length(id) <= 40 && !can(regex("-(v6|ipv6|icmpv6)$", id)), false)])
    error_message = "extra_rules: rule ids are lowercase letters, digits and hyphens, starting with a letter, at most 40 characters, not ending in -v6, -ipv6 or -icmpv6: ${jsonencode([for id, r in var.extra_rules : id if !try(can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", id)) && length(id) <= 40 && !can(regex("-(v6|ipv6|icmpv6)$", id)), false)])}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(!contains(["edge-admin-tool", "edge-as2", "edge-as2-shutdown", "edge-as2-ssl", "edge-cluster-sync", "edge-db-admin", "edge-db-cluster", "edge-ftp-active-data", "edge-ftp-control", "edge-ftp-passive-data", "edge-hibernate-cache", "edge-http", "edge-https", "edge-pesit", "edge-pesit-ptcp", "edge-pesit-ptcp-ssl", "edge-pesit-ssl-cft", "edge-pesit-ssl-transfer-cft", "edge-ssh", "edge-ssh-admin", "edge-streaming-admin", "edge-streaming-as2", "edge-streaming-ftp", "edge-streaming-http", "edge-streaming-pesit", "edge-streaming-ssh", "edge-tomcat-shutdown", "server-admin-tool", "server-admin-tool-internal", "server-allow-all-from-servers", "server-cache-https", "server-cache-udp", "server-cluster-listener", "server-cluster-tcp", "server-cluster-udp", "server-coherence", "server-deny-tcp", "server-deny-udp", "server-hibernate-cache", "server-icmp", "server-jmx", "server-snmp", "server-ssh", "server-tomcat-jk", "server-tomcat-shutdown", "edge-deny-all", "edge-deny-all-inbound", "edge-allow-azure-load-balancer", "edge-egress-all", "server-deny-all", "server-deny-all-inbound", "server-allow-azure-load-balancer", "server-egress-all", "admin-host-deny-all", "admin-host-deny-all-inbound", "admin-host-allow-azure-load-balancer", "admin-host-egress-all"], id), false)])
    error_message = "extra_rules: a rule id is already the id of a vendor rule or one of the emitters' own: ${jsonencode([for id, r in var.extra_rules : id if !try(!contains(["edge-admin-tool", "edge-as2", "edge-as2-shutdown", "edge-as2-ssl", "edge-cluster-sync", "edge-db-admin", "edge-db-cluster", "edge-ftp-active-data", "edge-ftp-control", "edge-ftp-passive-data", "edge-hibernate-cache", "edge-http", "edge-https", "edge-pesit", "edge-pesit-ptcp", "edge-pesit-ptcp-ssl", "edge-pesit-ssl-cft", "edge-pesit-ssl-transfer-cft", "edge-ssh", "edge-ssh-admin", "edge-streaming-admin", "edge-streaming-as2", "edge-streaming-ftp", "edge-streaming-http", "edge-streaming-pesit", "edge-streaming-ssh", "edge-tomcat-shutdown", "server-admin-tool", "server-admin-tool-internal", "server-allow-all-from-servers", "server-cache-https", "server-cache-udp", "server-cluster-listener", "server-cluster-tcp", "server-cluster-udp", "server-coherence", "server-deny-tcp", "server-deny-udp", "server-hibernate-cache", "server-icmp", "server-jmx", "server-snmp", "server-ssh", "server-tomcat-jk", "server-tomcat-shutdown", "edge-deny-all", "edge-deny-all-inbound", "edge-allow-azure-load-balancer", "edge-egress-all", "server-deny-all", "server-deny-all-inbound", "server-allow-azure-load-balancer", "server-egress-all", "admin-host-deny-all", "admin-host-deny-all-inbound", "admin-host-allow-azure-load-balancer", "admin-host-egress-all"], id), false)])}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(contains(["edge", "server"], r.group), false)])
    error_message = "extra_rules: group must be \"edge\" or \"server\": ${jsonencode({ for id, r in var.extra_rules : id => r if !try(contains(["edge", "server"], r.group), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(contains(["tcp", "udp", "icmp", "all"], r.protocol), false)])
    error_message = "extra_rules: protocol must be \"tcp\", \"udp\", \"icmp\" or \"all\": ${jsonencode({ for id, r in var.extra_rules : id => r if !try(contains(["tcp", "udp", "icmp", "all"], r.protocol), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(contains(["tcp", "udp"], r.protocol) ? (tostring(r.ports) == "*" ? true : can(regex("^[0-9]{1,5}(-[0-9]{1,5})?$", tostring(r.ports))) && alltrue([for n in [for n in split("-", tostring(r.ports)) : tonumber(n)] : n >= 1 && n <= 65535]) && [for n in split("-", tostring(r.ports)) : tonumber(n)][0] <= [for n in split("-", tostring(r.ports)) : tonumber(n)][length([for n in split("-", tostring(r.ports)) : tonumber(n)]) - 1]) : contains(["icmp", "all"], r.protocol) ? !contains(keys(r), "ports") : true, false)])
    error_message = "extra_rules: ports is required for tcp and udp (\"80\", \"7800-7802\" within 1-65535, from <= to, or \"*\") and must be left out for icmp and all: ${jsonencode({ for id, r in var.extra_rules : id => r if !try(contains(["tcp", "udp"], r.protocol) ? (tostring(r.ports) == "*" ? true : can(regex("^[0-9]{1,5}(-[0-9]{1,5})?$", tostring(r.ports))) && alltrue([for n in [for n in split("-", tostring(r.ports)) : tonumber(n)] : n >= 1 && n <= 65535]) && [for n in split("-", tostring(r.ports)) : tonumber(n)][0] <= [for n in split("-", tostring(r.ports)) : tonumber(n)][length([for n in split("-", tostring(r.ports)) : tonumber(n)]) - 1]) : contains(["icmp", "all"], r.protocol) ? !contains(keys(r), "ports") : true, false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(can(tostring(r.source)) ? contains(["any", "edge", "server", "adminHost"], r.source) : length(r.source) >= 1 && alltrue([for c in r.source : (length(split(":", c)) > 1 ? can(cidrhost(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", c))) && try(cidrhost(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0) == cidrhost(length(split(":", c)) > 1 ? "${split("/", c)[0]}/128" : "${split("/", c)[0]}/32", 0), true)]), false)])
    error_message = "extra_rules: source must be \"any\", \"edge\", \"server\", \"adminHost\" or a non-empty list of IPv4 or IPv6 addresses or CIDRs without host bits: ${jsonencode({ for id, r in var.extra_rules : id => r if !try(can(tostring(r.source)) ? contains(["any", "edge", "server", "adminHost"], r.source) : length(r.source) >= 1 && alltrue([for c in r.source : (length(split(":", c)) > 1 ? can(cidrhost(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0)) : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", c))) && try(cidrhost(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0) == cidrhost(length(split(":", c)) > 1 ? "${split("/", c)[0]}/128" : "${split("/", c)[0]}/32", 0), true)]), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(can(tostring(r.source)) || var.ipv6 ? true : alltrue([for c in r.source : length(split(":", c)) == 1]), false)])
    error_message = "extra_rules: IPv6 source CIDRs need ipv6 = true: ${jsonencode({ for id, r in var.extra_rules : id => r if !try(can(tostring(r.source)) || var.ipv6 ? true : alltrue([for c in r.source : length(split(":", c)) == 1]), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(can(tostring(r.source)) ? true : try(length(distinct([for c in r.source : cidrsubnet(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0, 0)])) == length(r.source), true), false)])
    error_message = "extra_rules: a source lists a CIDR twice (in any spelling): ${jsonencode({ for id, r in var.extra_rules : id => r if !try(can(tostring(r.source)) ? true : try(length(distinct([for c in r.source : cidrsubnet(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0, 0)])) == length(r.source), true), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(contains(["allow", "deny"], try(r.action, "allow")), false)])
    error_message = "extra_rules: action must be \"allow\" or \"deny\": ${jsonencode({ for id, r in var.extra_rules : id => r if !try(contains(["allow", "deny"], try(r.action, "allow")), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(floor(r.priority) == r.priority && r.priority >= 100 && r.priority <= 4000, false)])
    error_message = "extra_rules: priority must be a whole number within 100-4000: ${jsonencode({ for id, r in var.extra_rules : id => r if !try(floor(r.priority) == r.priority && r.priority >= 100 && r.priority <= 4000, false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(try(length([for p in lookup({ edge = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 400, 410, 420, 430, 440, 450, 600, 610, 620, 630, 640, 650, 660, 670], server = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 400, 410, 3000, 3010, 3020] }, r.group, []) : p if abs(p - r.priority) <= (var.ipv6 ? 1 : 0)]) == 0, true), false)])
    error_message = "extra_rules: a priority is already a vendor rule's in that group (see \"Priorities\"; 1000-2990 is free; 2 apart with ipv6 = true): ${jsonencode({ for id, r in var.extra_rules : id => r if !try(try(length([for p in lookup({ edge = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 400, 410, 420, 430, 440, 450, 600, 610, 620, 630, 640, 650, 660, 670], server = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 400, 410, 3000, 3010, 3020] }, r.group, []) : p if abs(p - r.priority) <= (var.ipv6 ? 1 : 0)]) == 0, true), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(try(length([for other, o in var.extra_rules : other if other != id && try(o.group == r.group && abs(o.priority - r.priority) <= (var.ipv6 ? 1 : 0), false)]) == 0, true), false)])
    error_message = "extra_rules: two rules of one group share a priority (each priority once per group, 2 apart with ipv6 = true): ${jsonencode({ for id, r in var.extra_rules : id => r if !try(try(length([for other, o in var.extra_rules : other if other != id && try(o.group == r.group && abs(o.priority - r.priority) <= (var.ipv6 ? 1 : 0), false)]) == 0, true), false) })}."
  }
  validation {
    condition     = alltrue([for id, r in var.extra_rules : try(length(trimspace(r.description)) >= 1 && length(r.description) <= 255, false)])
    error_message = "extra_rules: description must say what the rule is for, at most 255 characters: ${jsonencode({ for id, r in var.extra_rules : id => r if !try(length(trimspace(r.description)) >= 1 && length(r.description) <= 255, false) })}."
  }
}
