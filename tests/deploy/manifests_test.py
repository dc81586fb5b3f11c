#!/usr/bin/env python3
"""Checks the container and Kubernetes files without a container engine:
the ConfigMap's config passes `dateline check-config`, the image's runtime
stage installs every library the binary links (beyond what those libraries
bring), runs as non-root with a HEALTHCHECK and STOPSIGNAL, and the probes
point at the endpoints the daemon serves.

Usage: manifests_test.py SOURCE_DIR DATELINE_BINARY
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

src, binary = sys.argv[1], sys.argv[2]
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


# The ConfigMap's configuration is valid.
with open(os.path.join(src, "deploy/kubernetes/configmap.yaml")) as f:
    configmap = yaml.safe_load(f)
with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    f.write(configmap["data"]["dateline.yaml"])
    path = f.name
r = subprocess.run([binary, "check-config", "--config", path], capture_output=True, text=True)
os.unlink(path)
check(r.returncode == 0, "configmap config rejected: " + r.stdout + r.stderr)

# The Deployment: probes on the served paths, non-root, read-only root, grace > shutdown timeout.
with open(os.path.join(src, "deploy/kubernetes/deployment.yaml")) as f:
    deployment = yaml.safe_load(f)
pod = deployment["spec"]["template"]["spec"]
container = pod["containers"][0]
check(container["livenessProbe"]["httpGet"]["path"] == "/healthz", "liveness probe is not /healthz")
check(container["readinessProbe"]["httpGet"]["path"] == "/readyz", "readiness probe is not /readyz")
check(container["securityContext"]["readOnlyRootFilesystem"] is True, "root file system is writable")
check(pod["securityContext"]["runAsNonRoot"] is True, "may run as root")
shutdown_ms = yaml.safe_load(configmap["data"]["dateline.yaml"])["limits"]["shutdown_timeout_ms"]
check(pod["terminationGracePeriodSeconds"] * 1000 > shutdown_ms, "grace period shorter than the shutdown timeout")
check("limits" in container["resources"] and "requests" in container["resources"], "no resource requests/limits")

# The Dockerfile's runtime stage.
with open(os.path.join(src, "deploy/container/Dockerfile")) as f:
    dockerfile = f.read()
runtime = dockerfile.split("FROM debian:12-slim", 1)
check(len(runtime) == 2, "no debian:12-slim runtime stage")
runtime = runtime[-1]
for directive in ("USER 10001", "HEALTHCHECK", "STOPSIGNAL SIGTERM", "DATELINE_LOGGING_FORMAT=json", "DATELINE_LOGGING_OUTPUT=stdout"):
    check(directive in runtime, "runtime stage lacks " + directive)
installed = set(re.findall(r"\b(lib[a-z0-9.+-]+|iso-codes|ca-certificates)\b", runtime.split("COPY", 1)[0]))
ldd = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
libs = [os.path.realpath(lib) for lib in re.findall(r"=> (/\S+)", ldd)]
owners = subprocess.run(["dpkg", "-S"] + libs, capture_output=True, text=True).stdout
packages = {line.split(":")[0] for line in owners.splitlines() if ":" in line}
# Present in debian:12-slim, or pulled in by librdkafka1.
implied = {"libc6", "libstdc++6", "libgcc-s1", "libssl3", "libsasl2-2", "liblz4-1", "libzstd1", "zlib1g"}
# A sanitizer build links the sanitizer runtimes, which the image never has.
sanitizers = {p for p in packages if p.startswith(("libasan", "libubsan", "liblsan", "libtsan"))}
missing = sorted(packages - implied - installed - sanitizers)
check(not missing, "runtime stage misses libraries the binary links: " + ", ".join(missing))

for f in failures:
    print("FAIL:", f)
print("checked: configmap config, deployment probes/security, Dockerfile runtime libraries", sorted(packages))
sys.exit(1 if failures else 0)
