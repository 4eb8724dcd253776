/**
 * The modules' `extra_rules` as resources: `for_each` over the input, per cloud as its emitter
 * builds a config rule (providers/*.ts), which the equivalence tests hold them to. Terraform
 * cannot name a resource after an input, so the addresses map (test/module.test.ts, README):
 * AWS `<id>` -> extra["<id>"], `<id>_ipv6` -> extra_ipv6["<id>"], `<id>_from_<cidr>` ->
 * extra_from["<id>/<cidr>"], `<id>_icmpv6` -> extra_icmpv6["<id>"]; Azure `<id>`, `<id>_v6` ->
 * extra["<id>"], extra_v6["<id>"]; GCP `<id>`, `<id>_v6` -> extra_<action>["<id>"], extra_<action>_v6["<id>"].
 */
import { Cloud } from '../src/clouds';
import type { SourcesMode } from '../src/config/load';
import { AZURE_PROTOCOL, RULE_TAG } from '../src/plan/naming';
import { Json } from '../src/module/hcl';

type Body = { [key: string]: Json };

/** How the host lists' locals are named per rule source. */
const GROUP_LOCALS = { edge: 'edge', server: 'server', adminHost: 'admin_host' } as const;
const asCidr = (ip: string) => `length(split("/", ${ip})) == 2 ? ${ip} : (length(split(":", ${ip})) > 1 ? "\${${ip}}/128" : "\${${ip}}/32")`;
const v4 = (list: string) => `[for c in ${list} : c if length(split(":", c)) == 1]`;
const v6 = (list: string) => `[for c in ${list} : c if length(split(":", c)) > 1]`;

/** AWS's description character sets (awsDescription in providers/aws.ts), as Terraform regexes. */
const AWS_CIDR_CHARS = '/[^a-zA-Z0-9 ._\\\\-:/()#,@\\\\[\\\\]+=&;{}!$*]/';
const AWS_GROUP_CHARS = '/[^a-zA-Z0-9 ._\\\\-:/()#,@\\\\[\\\\]+=;{}!$*]/';
const fit = (text: string, max: number) => `length(${text}) <= ${max} ? ${text} : "\${substr(${text}, 0, ${max - 3})}..."`;

/** The input, normalised: defaults filled in, CIDRs canonical, ports as numbers and as text. */
export function extraRuleLocals(cloud: Cloud, sources: SourcesMode): Record<string, Json> {
  const ends = 'local.extra_rule_ports[id]';
  const cloudFields =
    cloud === 'aws'
      ? {
          aws_description: `\${replace(r.description, "${AWS_CIDR_CHARS}", " ")}`,
          aws_group_description: `\${${fit('local.extra_rule_aws_group_texts[id]', 255)}}`,
        }
      : cloud === 'azure'
        ? { azure_description: `\${${fit('r.description', 140)}}` }
        : {};
  const named = sources === 'cidr' ? Object.entries(GROUP_LOCALS).map(([g, l]) => `r.source == "${g}" ? local.${l}_cidrs : `).join('') : '';
  return {
    ...(cloud === 'aws'
      ? { extra_rule_aws_group_texts: `\${{ for id, r in var.extra_rules : id => replace(replace(r.description, "/\\\\s*&\\\\s*/", " and "), "${AWS_GROUP_CHARS}", " ") }}` }
      : {}),
    extra_rule_ports: `\${{ for id, r in var.extra_rules : id => contains(["tcp", "udp"], r.protocol) && try(tostring(r.ports), "*") != "*" ? [for n in split("-", trimspace(tostring(r.ports))) : tonumber(n)] : [] }}`,
    extra_rules: `\${{ for id, r in var.extra_rules : id => {
    id          = id
    group       = r.group
    protocol    = r.protocol
    action      = try(r.action, "allow")
    priority    = r.priority
    description = r.description
    source      = try(tostring(r.source), "cidrs")
    cidrs       = try([for c in tolist(r.source) : cidrsubnet(${asCidr('c')}, 0, 0)], [])
    from_port   = length(${ends}) > 0 ? ${ends}[0] : null
    to_port     = length(${ends}) > 0 ? ${ends}[length(${ends}) - 1] : null
    port_text   = length(${ends}) == 0 ? "*" : ${ends}[0] == ${ends}[length(${ends}) - 1] ? tostring(${ends}[0]) : "\${${ends}[0]}-\${${ends}[length(${ends}) - 1]}"
${Object.entries(cloudFields).map(([k, v]) => `    ${k} = ${(v as string).slice(2, -1)}`).join('\n')}
  } }}`.replace(/\n\s*/g, ', ').replace(/\{, /g, '{ ').replace(/, \}/g, ' }').replace(/ +=/g, ' ='),
    // The CIDRs a rule names (its literal list, or in cidr mode a host group's): "any" and groups are apart.
    extra_rule_cidrs: `\${{ for id, r in local.extra_rules : id => r.source == "cidrs" ? r.cidrs : ${named}[] }}`,
  };
}

const ids = (filter: string) => `\${{ for id, r in local.extra_rules : id => r if ${filter} }}`;

export function extraRuleResources(cloud: Cloud, sources: SourcesMode): Record<string, Record<string, Body>> {
  if (cloud === 'aws') return awsResources(sources);
  if (cloud === 'azure') return azureResources(sources);
  return gcpResources(sources);
}

function awsResources(sources: SourcesMode): Record<string, Record<string, Body>> {
  const groups = sources === 'groups';
  const protocol = (family: 4 | 6) => ({
    ip_protocol: family === 4 ? '${each.value.protocol == "all" ? "-1" : each.value.protocol}' : '${each.value.protocol == "all" ? "-1" : each.value.protocol == "icmp" ? "icmpv6" : each.value.protocol}',
    from_port: `\${each.value.protocol == "all"${family === 6 ? ' || each.value.protocol == "icmp"' : ''} ? null : each.value.protocol == "icmp" ? -1 : each.value.from_port == null ? 0 : each.value.from_port}`,
    to_port: `\${each.value.protocol == "all"${family === 6 ? ' || each.value.protocol == "icmp"' : ''} ? null : each.value.protocol == "icmp" ? -1 : each.value.to_port == null ? 65535 : each.value.to_port}`,
  });
  const common = {
    security_group_id: '${each.value.group == "edge" ? aws_security_group.edge.id : aws_security_group.server.id}',
    description: '${each.value.aws_description}',
    tags: `\${merge(var.tags, { Name = "\${var.name}-\${each.value.id}", "${RULE_TAG}" = each.value.id })}`,
  };
  // In groups mode "any" is the load balancer's group when one is given.
  const anyCidr = groups ? 'r.source == "any" && var.load_balancer_security_group_id == null' : 'r.source == "any"';
  const out: Record<string, Body> = {
    extra: { for_each: ids(anyCidr), ...common, cidr_ipv4: '0.0.0.0/0', ...protocol(4) },
    extra_ipv6: { for_each: `\${var.ipv6 ? ${ids(anyCidr).slice(2, -1)} : {}}`, ...common, cidr_ipv6: '::/0', ...protocol(6) },
    extra_from: {
      for_each: '${{ for p in flatten([for id, r in local.extra_rules : [for c in local.extra_rule_cidrs[id] : merge(r, { cidr = c })]]) : "${p.id}/${p.cidr}" => p }}',
      ...common,
      cidr_ipv4: '${can(cidrnetmask(each.value.cidr)) ? each.value.cidr : null}',
      cidr_ipv6: '${can(cidrnetmask(each.value.cidr)) ? null : each.value.cidr}',
      ip_protocol: `\${can(cidrnetmask(each.value.cidr)) ? (${protocol(4).ip_protocol.slice(2, -1)}) : (${protocol(6).ip_protocol.slice(2, -1)})}`,
      from_port: `\${can(cidrnetmask(each.value.cidr)) ? (${protocol(4).from_port.slice(2, -1)}) : (${protocol(6).from_port.slice(2, -1)})}`,
      to_port: `\${can(cidrnetmask(each.value.cidr)) ? (${protocol(4).to_port.slice(2, -1)}) : (${protocol(6).to_port.slice(2, -1)})}`,
    },
  };
  if (groups) {
    const reference = '${each.value.source == "edge" ? aws_security_group.edge.id : each.value.source == "server" ? aws_security_group.server.id : each.value.source == "adminHost" ? (var.admin_host_security_group_id != null ? var.admin_host_security_group_id : aws_security_group.admin_host[0].id) : var.load_balancer_security_group_id}';
    // (HCL's formatter writes `if(` for `if (`: no condition here starts with a parenthesis.)
    const referenced = 'r.source != "cidrs" && r.source != "any" || r.source == "any" && var.load_balancer_security_group_id != null';
    const ref = { ...common, description: '${each.value.aws_group_description}', referenced_security_group_id: reference };
    out.extra_ref = { for_each: ids(referenced), ...ref, ...protocol(4) };
    out.extra_ref_icmpv6 = { for_each: `\${var.ipv6 ? ${ids(`r.protocol == "icmp" && (${referenced})`).slice(2, -1)} : {}}`, ...ref, ...protocol(6) };
  }
  return { aws_vpc_security_group_ingress_rule: out };
}

function azureResources(sources: SourcesMode): Record<string, Record<string, Body>> {
  const groups = sources === 'groups';
  // Each side of a rule: "*", an application security group (groups mode), or prefixes of a family.
  const hostList = (family: 4 | 6) => `(r.group == "edge" ? local.edge_ipv${family}_cidrs : local.server_ipv${family}_cidrs)`;
  const named = '(r.source != "cidrs" && r.source != "any")';
  const srcAsg = groups ? named : 'false';
  const dstAsg = groups ? 'r.action == "allow"' : 'false';
  // A side is family-agnostic when it is "*" or an application security group; in groups mode
  // every destination is (an allow's ASG, a deny's "*"). No condition starts with a parenthesis
  // (HCL's formatter writes `if(` for `if (`).
  const srcAgnostic = groups ? 'r.source != "cidrs"' : 'r.source == "any"';
  const dstAgnostic = groups ? undefined : 'r.action != "allow"';
  const agnostic = dstAgnostic ? `${srcAgnostic} && ${dstAgnostic}` : srcAgnostic;
  const srcList = (family: 4 | 6) => (family === 4 ? v4 : v6)('local.extra_rule_cidrs[id]');
  const dstList = (family: 4 | 6) => (groups ? '[]' : hostList(family));
  const side = (family: 4 | 6) => `(${srcAgnostic} || length(${srcList(family)}) > 0)${dstAgnostic ? ` && (${dstAgnostic} || length(${dstList(family)}) > 0)` : ''}`;
  const exists = { 4: `${agnostic} || ${side(4)}`, 6: `!(${agnostic}) && r.protocol != "icmp" && ${side(6)}` };
  const sides = (family: 4 | 6) =>
    `\${{ for id, r in local.extra_rules : id => merge(r, {
    src_star = r.source == "any"
    src_asg  = ${srcAsg}
    dst_star = r.action != "allow"
    dst_asg  = ${dstAsg}
    icmp_fix = r.protocol == "icmp" && ${agnostic}
    src      = ${srcList(family)}
    dst      = ${dstList(family)}
  }) if ${exists[family]} }}`.replace(/\n\s*/g, ', ').replace(/\{, /g, '{ ').replace(/, \}/g, ' }').replace(/ +=/g, ' =');
  const asg = (key: string) => `{ edge = azurerm_application_security_group.edge_asg.id, server = azurerm_application_security_group.server_asg.id, adminHost = azurerm_application_security_group.admin_host_asg.id }[${key}]`;
  const body = (family: 4 | 6): Body => ({
    for_each: sides(family),
    name: family === 4 ? '${each.value.id}' : '${each.value.id}-v6',
    description: '${each.value.azure_description}',
    access: '${each.value.action == "allow" ? "Allow" : "Deny"}',
    destination_port_range: '${each.value.port_text}',
    direction: 'Inbound',
    network_security_group_name: '${each.value.group == "edge" ? azurerm_network_security_group.edge.name : azurerm_network_security_group.server.name}',
    priority: family === 4 ? '${each.value.priority}' : '${each.value.priority + 1}',
    protocol: `\${${JSON.stringify(AZURE_PROTOCOL).replace(/"(\w+)":/g, '$1 = ').replace(/,/g, ', ').replace(/^\{/, '{ ').replace(/\}$/, ' }')}[each.value.protocol]}`,
    resource_group_name: '${var.resource_group_name}',
    source_port_range: '*',
    // ICMP with both sides family-agnostic becomes IPv4-only on one side (providers/azure.ts).
    source_address_prefix: '${each.value.src_star ? (each.value.icmp_fix ? "0.0.0.0/0" : "*") : null}',
    source_address_prefixes: '${each.value.src_star || each.value.src_asg ? null : each.value.src}',
    destination_address_prefix: '${each.value.icmp_fix && !each.value.src_star ? "0.0.0.0/0" : each.value.dst_star ? "*" : null}',
    destination_address_prefixes: '${each.value.dst_star || each.value.dst_asg ? null : each.value.dst}',
    ...(groups
      ? {
          source_application_security_group_ids: `\${each.value.src_asg ? [${asg('each.value.source')}] : null}`,
          destination_application_security_group_ids: `\${each.value.dst_asg && !(each.value.icmp_fix && !each.value.src_star) ? [${asg('each.value.group')}] : null}`,
        }
      : {}),
  });
  return { azurerm_network_security_rule: { extra: body(4), extra_v6: body(6) } };
}

function gcpResources(sources: SourcesMode): Record<string, Record<string, Body>> {
  const groups = sources === 'groups';
  const named = groups ? '(r.source != "cidrs" && r.source != "any")' : 'false';
  const exists = {
    4: `${named} || r.source == "any" || length(${v4('local.extra_rule_cidrs[id]')}) > 0`,
    6: `${named} ? (var.ipv6 && r.protocol == "icmp") : r.source == "any" ? var.ipv6 : length(${v6('local.extra_rule_cidrs[id]')}) > 0`,
  };
  const target: Body = groups
    ? {
        target_tags: '${var.service_accounts == null ? ["${var.name}-${each.value.group}"] : null}',
        target_service_accounts: '${var.service_accounts != null ? [var.service_accounts[each.value.group]] : null}',
      }
    : { target_tags: ['${var.name}-${each.value.group}'] };
  const body = (action: 'allow' | 'deny', family: 4 | 6): Body => {
    const ranges = `each.value.source == "any" ? ["${family === 4 ? '0.0.0.0/0' : '::/0'}"] : ${(family === 4 ? v4 : v6)('local.extra_rule_cidrs[each.key]')}`;
    return {
      for_each: `\${{ for id, r in local.extra_rules : id => r if r.action == "${action}" && (${exists[family]}) }}`,
      name: family === 4 ? '${var.name}-${each.value.id}' : '${var.name}-${each.value.id}-v6',
      description: '${each.value.description}',
      direction: 'INGRESS',
      network: '${var.network}',
      priority: '${each.value.priority}',
      ...(groups
        ? {
            source_ranges: `\${${named.replace(/r\./g, 'each.value.')} ? null : ${ranges}}`,
            source_tags: `\${${named.replace(/r\./g, 'each.value.')} && var.service_accounts == null ? ["\${var.name}-\${each.value.source == "adminHost" ? "admin-host" : each.value.source}"] : null}`,
            source_service_accounts: `\${${named.replace(/r\./g, 'each.value.')} && var.service_accounts != null ? [var.service_accounts[each.value.source == "adminHost" ? "admin_host" : each.value.source]] : null}`,
          }
        : { source_ranges: `\${${ranges}}` }),
      ...target,
      [action]: [
        {
          protocol: family === 4 ? '${each.value.protocol}' : '${each.value.protocol == "icmp" ? "58" : each.value.protocol}',
          ports: '${contains(["tcp", "udp"], each.value.protocol) && each.value.port_text != "*" ? [each.value.port_text] : null}',
        },
      ],
    };
  };
  return {
    google_compute_firewall: {
      extra_allow: body('allow', 4),
      extra_allow_v6: body('allow', 6),
      extra_deny: body('deny', 4),
      extra_deny_v6: body('deny', 6),
    },
  };
}
