#!/usr/bin/env bash
# Build the frozen Linux app with one command on a fresh Debian/Ubuntu machine:
#   packaging/build-linux.sh
# Writes dist/tech-safety-clinic-<version>-linux-x86_64.tar.gz and its .sha256 beside it.
# Needs python3 (3.11+) with venv; run as root, or install the listed packages first.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # binutils: PyInstaller reads shared-library dependencies with objdump.
  apt-get install -y -qq binutils >/dev/null
fi

VENV=build/freeze-venv
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q . "pyinstaller==6.22.3"

VERSION="$("$VENV/bin/python" -c 'import clinic; print(clinic.__version__)')"
NAME="tech-safety-clinic-${VERSION}-linux-x86_64"

# Build outside the source tree's import path, so the bundle takes the installed package.
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath build/frozen packaging/clinic.spec

mkdir -p dist
rm -f "dist/${NAME}.tar.gz" "dist/${NAME}.tar.gz.sha256"
tar -C build/frozen --owner=0 --group=0 --numeric-owner -czf "dist/${NAME}.tar.gz" \
  --transform "s,^tech-safety-clinic,${NAME}," tech-safety-clinic
(cd dist && sha256sum "${NAME}.tar.gz" > "${NAME}.tar.gz.sha256")
du -sh build/frozen/tech-safety-clinic | awk '{print "unpacked size: " $1}'
du -h "dist/${NAME}.tar.gz" | awk '{print "archive size:  " $1}'
echo "built dist/${NAME}.tar.gz"
cat "dist/${NAME}.tar.gz.sha256"
