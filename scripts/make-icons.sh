#!/usr/bin/env sh
# Regenerates every platform's icon in resources/ from resources/icon.svg. Run it after changing the
# SVG and commit what it writes; building the installers (CI included) only reads the results.
# Needs, on Debian or Ubuntu: apt-get install librsvg2-bin icoutils icnsutils
set -eu
cd "$(dirname "$0")/../resources"

for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "make-icons: $tool is missing (apt-get install librsvg2-bin icoutils icnsutils)" >&2
    exit 1
  }
done

# Linux takes a folder of sizes named WxH.png; 512 is also the one electron-builder falls back on.
mkdir -p icons
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/512x512.png icon.png

# Windows: one .ico holding the sizes Explorer and the taskbar ask for (256 stored as PNG).
icotool -c -o icon.ico icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png \
  icons/128x128.png -r icons/256x256.png

# macOS: png2icns picks the icon type from each PNG's size.
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png \
  icons/512x512.png icons/1024x1024.png >/dev/null

echo "make-icons: wrote resources/icon.png, icon.ico, icon.icns and icons/"
