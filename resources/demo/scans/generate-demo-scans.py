#!/usr/bin/env python3
"""Writes the demo system's scan results (Trivy JSON, Grype JSON, a CycloneDX SBOM).

The images and digests are the demo snapshots' own; the CVE ids, packages and fixed versions are
real advisories of the kind Iron Bank UBI-based images carry, chosen for the demo: these are not the
output of a real scan of real images. Run from anywhere; writes next to this file.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
IB = "registry1.dso.mil/ironbank/"

V = {  # id: (pkg, installed, fixed, severity, title, class)
 "CVE-2023-4911": ("glibc", "2.34-60.el9", "2.34-83.el9_3.7", "HIGH", "glibc: buffer overflow in ld.so leading to privilege escalation", "os"),
 "CVE-2024-2961": ("glibc", "2.34-60.el9", "2.34-100.el9_4.2", "HIGH", "glibc: Out of bounds write in iconv may lead to remote code execution", "os"),
 "CVE-2023-38545": ("curl", "7.76.1-23.el9", "7.76.1-26.el9_3.2", "CRITICAL", "curl: heap based buffer overflow in the SOCKS5 proxy handshake", "os"),
 "CVE-2023-5678": ("openssl-libs", "1:3.0.7-16.el9", "1:3.0.7-25.el9_3", "MEDIUM", "openssl: Generating excessively long X9.42 DH keys may be very slow", "os"),
 "CVE-2024-0727": ("openssl-libs", "1:3.0.7-16.el9", "1:3.0.7-27.el9", "LOW", "openssl: denial of service via null dereference in PKCS12 parsing", "os"),
 "CVE-2023-52425": ("expat", "2.5.0-1.el9", "2.5.0-2.el9_4", "MEDIUM", "expat: parsing large tokens can trigger a denial of service", "os"),
 "CVE-2023-44487": ("golang.org/x/net", "v0.15.0", "0.17.0", "HIGH", "HTTP/2: Multiple HTTP/2 enabled web servers are vulnerable to a DDoS attack (Rapid Reset Attack)", "go"),
 "CVE-2023-45288": ("golang.org/x/net", "v0.15.0", "0.23.0", "MEDIUM", "golang: net/http, x/net/http2: unlimited number of CONTINUATION frames causes DoS", "go"),
 "CVE-2024-24786": ("google.golang.org/protobuf", "v1.31.0", "1.33.0", "MEDIUM", "golang-protobuf: encoding/protojson, internal/encoding/json: infinite loop in protojson.Unmarshal", "go"),
 "CVE-2023-6378": ("ch.qos.logback:logback-classic", "1.2.11", "1.3.12", "HIGH", "logback: serialization vulnerability in logback receiver", "jar"),
 "CVE-2022-1471": ("org.yaml:snakeyaml", "1.33", "2.0", "HIGH", "SnakeYaml: Constructor Deserialization Remote Code Execution", "jar"),
 "CVE-2024-22201": ("org.eclipse.jetty.http2:http2-common", "9.4.51.v20230217", "9.4.54.v20240208", "HIGH", "jetty: stop accepting new connections from valid clients", "jar"),
 "CVE-2022-40897": ("setuptools", "53.0.0", "65.5.1", "MEDIUM", "pypa-setuptools: Regular Expression Denial of Service (ReDoS) in package_index.py", "py"),
}

def trivy(image, digest, created, ids, os_name="9.3"):
    name = IB + image if not image.startswith("docker.io") else image
    repo = name.split(":")[0]
    groups = {}
    for i in ids:
        groups.setdefault(V[i][5], []).append(i)
    results = []
    targets = {"os": (f"{name} (redhat {os_name})", "os-pkgs", "redhat"), "go": ("usr/local/bin/app", "lang-pkgs", "gobinary"),
               "jar": ("opt/app/app.jar", "lang-pkgs", "jar"), "py": ("usr/lib/python3.9/site-packages", "lang-pkgs", "python-pkg")}
    for cls, vids in groups.items():
        t = targets[cls]
        vulns = []
        for i in vids:
            pkg, inst, fixed, sev, title, _ = V[i]
            vulns.append({"VulnerabilityID": i, "PkgName": pkg, "InstalledVersion": inst, "FixedVersion": fixed,
                          "Status": "fixed", "Layer": {"Digest": "sha256:" + (digest[7:15] * 8)},
                          "SeveritySource": "nvd", "PrimaryURL": "https://avd.aquasec.com/nvd/" + i.lower(),
                          "Title": title, "Severity": sev})
        results.append({"Target": t[0], "Class": t[1], "Type": t[2], "Vulnerabilities": vulns})
    meta = {"OS": {"Family": "redhat", "Name": os_name}, "ImageID": "sha256:" + digest[7:][::-1],
            "RepoTags": [name], "RepoDigests": [repo + "@" + digest] if digest else []}
    return {"SchemaVersion": 2, "CreatedAt": created, "ArtifactName": name + ("@" + digest if digest else ""),
            "ArtifactType": "container_image", "Metadata": meta, "Results": results}

def grype(image, digest, ids, ts):
    name = IB + image
    matches = []
    for i in ids:
        pkg, inst, fixed, sev, title, cls = V[i]
        matches.append({"vulnerability": {"id": i, "dataSource": "https://nvd.nist.gov/vuln/detail/" + i,
                                          "severity": sev.capitalize(), "description": title,
                                          "fix": {"versions": [fixed], "state": "fixed"}},
                        "relatedVulnerabilities": [], "matchDetails": [{"type": "exact-direct-match", "matcher": cls + "-matcher"}],
                        "artifact": {"name": pkg, "version": inst, "type": {"os": "rpm", "jar": "java-archive", "go": "go-module", "py": "python"}[cls],
                                     "locations": [{"path": "/var/lib/rpm/rpmdb.sqlite" if cls == "os" else "/opt/app"}],
                                     "purl": f"pkg:generic/{pkg}@{inst}"}})
    return {"matches": matches,
            "source": {"type": "image", "target": {"userInput": name, "imageID": "sha256:" + digest[7:][::-1],
                                                   "manifestDigest": digest, "tags": [name],
                                                   "repoDigests": [name.split(":")[0] + "@" + digest]}},
            "distro": {"name": "redhat", "version": "9.3"},
            "descriptor": {"name": "grype", "version": "0.74.0", "timestamp": ts}}

def write(rel, doc):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

TS = "sentinel/track-service:3.3.0"
TSD = "sha256:52fc8eb7375f2f98f58bd8a836b8975b041123ecd79559eae9fbfcd355785844"
write("trivy/track-service-3.3.0.2026-11-02.json", trivy(TS, TSD, "2026-11-02T06:00:00Z",
      ["CVE-2023-4911", "CVE-2023-38545", "CVE-2023-5678", "CVE-2023-44487", "CVE-2024-24786"]))
write("trivy/track-service-3.3.0.2026-11-20.json", trivy(TS, TSD, "2026-11-20T06:00:00Z",
      ["CVE-2023-4911", "CVE-2024-2961", "CVE-2023-5678", "CVE-2023-44487", "CVE-2023-45288", "CVE-2024-24786"]))
write("trivy/ingest-api-2.2.0.json", trivy("sentinel/ingest-api:2.2.0", "sha256:9356735cc33b10df32be7adc850ca47f44fed9ce8a2e5ca303de691f0e21022f",
      "2026-11-20T06:05:00Z", ["CVE-2023-6378", "CVE-2022-1471", "CVE-2024-22201", "CVE-2023-5678", "CVE-2024-0727"]))
write("trivy/geo-service-1.5.2.json", trivy("sentinel/geo-service:1.5.2", "sha256:0d655c0a9936071f2fce41fbd5aeafa100ac84fec334666729f37c1cf0edf024",
      "2026-11-20T06:10:00Z", ["CVE-2023-52425", "CVE-2022-40897", "CVE-2024-0727"]))
write("trivy/rules-engine-5.0.1.json", trivy("sentinel/rules-engine:5.0.1", "sha256:c579e455d74928774c001d226adb793be8e207a7b666d44878f47af0880a0e00",
      "2026-11-20T06:15:00Z", ["CVE-2023-44487", "CVE-2023-45288", "CVE-2024-24786", "CVE-2023-4911"]))
write("trivy/grafana-10.2.0.json", trivy("docker.io/grafana/grafana:10.2.0", "", "2026-11-20T06:20:00Z",
      ["CVE-2023-44487", "CVE-2023-38545", "CVE-2024-2961"], os_name="3.18"))
write("grype/operator-ui-4.1.0.grype.json", grype("sentinel/operator-ui:4.1.0",
      "sha256:199cb3b574cfbd44984cf01bd2b3e0074d8a435163557eefdb4f044ae4d09daa",
      ["CVE-2023-52425", "CVE-2023-5678", "CVE-2024-0727"], "2026-11-20T07:00:00Z"))
write("grype/mission-planning-api-2.4.1.grype.json", grype("sentinel/mission-planning-api:2.4.1",
      "sha256:56eefa1f100448f0cfb6d68a8267dbc84ebf04fa4bc1a8937cfe14b6c274d352",
      ["CVE-2023-6378", "CVE-2022-1471", "CVE-2023-4911"], "2026-11-20T07:05:00Z"))

comps = [("glibc", "2.34-83.el9_3.7", "rpm"), ("openssl-libs", "3.0.7-16.el9", "rpm"), ("curl", "7.76.1-26.el9_3.2", "rpm"),
         ("expat", "2.5.0-2.el9_4", "rpm"), ("golang.org/x/net", "v0.15.0", "golang"), ("google.golang.org/protobuf", "v1.31.0", "golang"),
         ("github.com/sentinel/track-service", "v3.3.0", "golang")]
write("sbom/track-service-3.3.0.cdx.json", {
    "bomFormat": "CycloneDX", "specVersion": "1.5", "serialNumber": "urn:uuid:6f1c9a52-4f0e-4d0b-9d0e-0d6a2f3c1b11", "version": 1,
    "metadata": {"timestamp": "2026-11-02T06:00:00Z", "tools": {"components": [{"type": "application", "name": "trivy", "version": "0.50.1"}]},
                 "component": {"bom-ref": "track-service", "type": "container", "name": IB + TS,
                               "properties": [{"name": "aquasecurity:trivy:RepoDigest", "value": IB + TS.split(":")[0] + "@" + TSD},
                                              {"name": "aquasecurity:trivy:RepoTag", "value": IB + TS}]}},
    "components": [{"bom-ref": f"pkg:{t}/{n}@{v}", "type": "library", "name": n, "version": v, "purl": f"pkg:{t}/{n}@{v}",
                    "licenses": [{"license": {"id": "MIT" if t == "golang" else "LGPL-2.1-or-later"}}]} for n, v, t in comps]})
