#!/usr/bin/env bash
# Releases the API bundle (host.api) as VERSION into cnf/release, the repository the build
# baselines against and profile vendors build against (docs/writing-a-profile.md).
#
#   tools/release-api.sh 1.1.0
#
# The jar is built from a copy of the tree at VERSION, so the tree keeps its development version;
# afterwards set the next one in host.api/pom.xml and phyllome.api.version (the parent pom).
# A released version is never replaced: baselining and vendors rely on it staying the same.
set -euo pipefail

version=${1:?usage: tools/release-api.sh VERSION (e.g. 1.1.0)}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "release-api: '$version' is not MAJOR.MINOR.MICRO" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
release="$root/cnf/release"
if [[ -d $release/io/phyllome/host/host.api/$version ]]; then
    echo "release-api: host.api $version is released already; release a higher version" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/pom.xml" "$root/bnd.bnd" "$root/cnf" "$root/host.api" "$work/"
rm -rf "$work/host.api/target"
# the module's own <version> (the one after its artifactId; the parent's stays)
sed -i "/<artifactId>host.api<\/artifactId>/,/<version>/ s|<version>[^<]*</version>|<version>$version</version>|" "$work/host.api/pom.xml"

mvn -B -q -f "$work/host.api/pom.xml" package -DskipTests
jar="$work/host.api/target/host.api-$version.jar"
mvn -B -q deploy:deploy-file -Dfile="$jar" -DgroupId=io.phyllome.host -DartifactId=host.api -Dversion="$version" \
    -Dpackaging=jar -DgeneratePom=true -DrepositoryId=phyllome-api-releases -Durl="file://$release"
echo "released host.api $version into cnf/release: $(sha256sum "$jar" | cut -c1-16)…"
