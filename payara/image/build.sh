#!/usr/bin/env bash
# Builds the node's container image as an OCI archive without a container daemon and without pulling a base
# image: the root file system is made from Debian packages (mmdebstrap), the uber-jar and the entrypoint are
# copied in, and umoci packs it as one OCI image layer with its config.
#   sudo payara/image/build.sh [OUT_DIR]     (root: mmdebstrap and umoci unpack need it; a Debian mirror)
# Needs: apt-get install mmdebstrap umoci; payara/target/ais-node.jar (mvn -B -q package -DskipTests).
# Environment: AIS_SUITE (bookworm), AIS_MIRROR (http://deb.debian.org/debian), AIS_TAG (latest).
# Result: OUT_DIR/ais-node.oci.tar (default OUT_DIR payara/target/image), an OCI archive (image ref "latest"):
#   podman load -i payara/target/image/ais-node.oci.tar && podman tag localhost/latest:latest localhost/aisj/ais-node:latest
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$here/../target/image}" && cd "${1:-$here/../target/image}" && pwd)
jar=$here/../target/ais-node.jar
suite=${AIS_SUITE:-bookworm}
mirror=${AIS_MIRROR:-http://deb.debian.org/debian}
tag=${AIS_TAG:-latest}

[ "$(id -u)" = 0 ] || { echo "run as root (mmdebstrap, umoci unpack)" >&2; exit 1; }
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
command -v mmdebstrap >/dev/null && command -v umoci >/dev/null \
  || { echo "needs mmdebstrap and umoci: apt-get install -y mmdebstrap umoci" >&2; exit 1; }

rm -rf "$out/rootfs.tar" "$out/oci" "$out/bundle" "$out/ais-node.oci.tar"

# 1. the root file system: minbase + a headless JRE; apt lists and caches dropped; the jar and entrypoint in /opt/ais
mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  --customize-hook='mkdir -p "$1/opt/ais" "$1/var/lib/ais"' \
  --customize-hook="copy-in $jar /opt/ais" \
  --customize-hook="copy-in $here/entrypoint.sh /opt/ais" \
  --customize-hook='chmod 0755 "$1/opt/ais/entrypoint.sh"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  "$suite" "$out/rootfs.tar" "$mirror"

# 2. an empty OCI image, the root file system unpacked into its bundle, repacked as one layer
umoci init --layout "$out/oci"
umoci new --image "$out/oci:$tag"
umoci unpack --image "$out/oci:$tag" "$out/bundle"
tar -C "$out/bundle/rootfs" --numeric-owner -xpf "$out/rootfs.tar"
umoci repack --image "$out/oci:$tag" "$out/bundle"

# 3. the image config: entrypoint, ports (HTTP, Hazelcast, data plane), data volume, defaults
umoci config --image "$out/oci:$tag" \
  --config.entrypoint /opt/ais/entrypoint.sh \
  --config.workingdir /var/lib/ais \
  --config.env AIS_MOUNTPATHS=/var/lib/ais/mp1 \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.exposedports 8080/tcp --config.exposedports 6900/tcp \
  --config.volume /var/lib/ais \
  --author aisj --history.comment "aisj node: Debian $suite minbase, openjdk-17-jre-headless, ais-node.jar"
umoci gc --layout "$out/oci"

# 4. one file: the OCI layout as a tar (what podman/skopeo call oci-archive)
tar -C "$out/oci" -cf "$out/ais-node.oci.tar" .
rm -rf "$out/bundle" "$out/rootfs.tar"
echo "$out/ais-node.oci.tar ($(du -h "$out/ais-node.oci.tar" | cut -f1))"
