terraform {
  # aws >= 5.0, < 7.0:
  # - aws_vpc_security_group_ingress_rule and _egress_rule first shipped in 4.56.0 (hashicorp/terraform-provider-aws#29484).
  # - 5.0.0 lets a key be in both the provider's default_tags and a resource's tags (the resource wins); 4.x did not, and the modules take tags.
  # - aws_security_group and both rule resources keep every argument used here through 5.x and 6.x (the 5 and 6 upgrade guides change none of them).
  # - 7.0 is not released: a major may remove arguments.
  # Terraform >= 1.9: input validations that name other inputs (var.ipv6 in an address list's) need 1.9.

  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}
