#!/usr/bin/env bash
# Draws the app icon, assets/icon.png (512×512): the character 苏 (Su, short
# for Jiangsu) in white on a rounded lake-blue square. Needs ImageMagick and
# Debian's fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/../.."
font=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
convert -size 512x512 xc:none \
  -fill '#0b5cad' -draw "roundrectangle 16,16 496,496 96,96" \
  -fill '#6cb4f5' -draw "rectangle 16,400 496,420" \
  -font "$font" -fill white -pointsize 300 -gravity center -annotate +0-20 '苏' \
  assets/icon.png
echo "wrote assets/icon.png"
