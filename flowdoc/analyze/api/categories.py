"""A human grouping of commands (``...command.user.vm`` -> Virtual Machine)."""

from __future__ import annotations

import re

CATEGORY_NAMES = {
    "vm": "Virtual Machine", "vmsnapshot": "VM Snapshot", "vmgroup": "VM Group", "volume": "Volume",
    "storage": "Storage", "network": "Network", "loadbalancer": "Load Balancer", "vpn": "VPN",
    "autoscale": "AutoScale", "template": "Template", "iso": "ISO", "host": "Host", "zone": "Zone",
    "pod": "Pod", "cluster": "Cluster", "router": "Router", "gpu": "GPU", "snapshot": "Snapshot",
    "kubernetes": "Kubernetes Service", "firewall": "Firewall", "backup": "Backup", "usage": "Usage",
    "vpc": "VPC", "user": "User", "account": "Account", "domain": "Domain", "guest": "Guest OS",
    "acl": "Roles and Permissions", "project": "Project", "address": "Address", "systemvm": "System VM",
    "resource": "Resource", "outofbandmanagement": "Out-of-band Management", "ha": "High Availability",
    "securitygroup": "Security Group", "userdata": "User Data", "offering": "Offering",
    "config": "Configuration", "vlan": "VLAN", "solidfire": "SolidFire", "region": "Region",
    "internallb": "Internal Load Balancer", "nat": "NAT", "affinitygroup": "Affinity Group",
    "ca": "Certificate Authority", "ssh": "SSH Key Pair", "ipv6": "IPv6", "event": "Event",
    "bucket": "Object Storage", "tag": "Resource Tags", "job": "Async Job", "consoleproxy": "Console Proxy",
    "swift": "Swift", "management": "Management Server", "diagnostics": "Diagnostics",
    "ratelimit": "Rate Limit", "discovery": "API Discovery", "bgp": "BGP", "alert": "Alert",
    "sioc": "Storage I/O Control", "annotation": "Annotation", "direct": "Direct Download",
    "disk": "Disk", "instance": "Virtual Machine", "image": "Image", "dc": "Zone", "gui": "GUI Theme",
    "ldap": "LDAP", "saml2": "SAML", "nsx": "NSX", "ucs": "UCS", "ovs": "OVS", "vnmc": "VNMC", "auth": "Authentication",
    "nvp": "NVP", "vcs": "VCS", "ssp": "SSP", "sdn": "SDN", "dns": "DNS", "api": "API", "oauth2": "OAuth2",
    "vmware": "VMware", "kvm": "KVM", "xenserver": "XenServer", "hyperv": "Hyper-V", "lb": "Load Balancer",
    "cloudian": "Cloudian", "netscaler": "NetScaler", "f5": "F5", "srx": "SRX", "bigswitch": "BigSwitch",
}
ROLE_SEGMENTS = frozenset({"user", "admin", "domain", "resource"})
GENERIC_SEGMENTS = frozenset({"api", "command", "commands", "cmd", "cmds", "apis", "org", "com", "net"})


def category_for(package: str, path: str) -> str:
    """A human grouping from the package (``...command.user.vm`` -> Virtual Machine), else
    from the plugin folder (``plugins/network-elements/nsx`` -> NSX)."""
    segments = package.split(".")
    for i, seg in enumerate(segments):
        if seg in ("command", "commands") and i + 1 < len(segments):
            rest = segments[i + 1:]
            if rest[0] in ROLE_SEGMENTS:
                rest = rest[1:]
            if rest:
                return readable(rest[0])
    parts = path.split("/")
    if "plugins" in parts:
        i = parts.index("plugins")
        module = parts[i + 2] if i + 3 < len(parts) and parts[i + 2] != "src" else parts[i + 1]
        return readable(module)
    tail = [s for s in segments if s not in GENERIC_SEGMENTS and s not in ROLE_SEGMENTS]
    return readable(tail[-1]) if tail else "Other"


def readable(segment: str) -> str:
    key = segment.lower()
    if key in CATEGORY_NAMES:
        return CATEGORY_NAMES[key]
    words = re.split(r"[-_]", segment)
    return " ".join(CATEGORY_NAMES.get(w.lower(), w[:1].upper() + w[1:]) for w in words if w)
