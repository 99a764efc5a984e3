#!/usr/bin/env bash
# Build the CJK fonts that the app bundles (assets/fonts/).
#
# What it does:
#   Cuts the Simplified Chinese face (Noto Sans CJK SC) out of Debian's
#   Noto Sans CJK collections, Regular and Bold, and subsets it to the
#   characters that tools/font/charset.py lists: Latin with pinyin, UI
#   punctuation and symbols, kana, bopomofo, Hangul, the hanzi of GB2312 and
#   Big5 level 1, the kanji of JIS X 0208 level 1, the Hangul syllables of
#   KS X 1001, and every character of translations/*.toml and of the text
#   files under assets/data/ as they are now. It writes
#     assets/fonts/NotoSansCJKsc-Regular-subset.otf
#     assets/fonts/NotoSansCJKsc-Bold-subset.otf
#     assets/fonts/LICENSE-OFL.txt  (copyright notice and SIL OFL 1.1 text)
#   The output depends only on its inputs, so a rerun with unchanged
#   translations and data leaves the files byte for byte the same.
#
# When to run it:
#   After adding or changing translations or data files, rerun it so that
#   their new characters get glyphs (go test ./assets/ reports missing ones).
#
# What it needs (Debian packages):
#   fonts-noto-cjk     /usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc
#                      and /usr/share/doc/fonts-noto-cjk/copyright
#   python3-fonttools  the fontTools library (subsetter and name table reader)
#   Install with: apt-get install -y fonts-noto-cjk python3-fonttools
#   Set PYTHON to choose the interpreter that has fontTools; by default the
#   first of /usr/bin/python3 and python3 that can import it is used.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src_dir=/usr/share/fonts/opentype/noto
copyright=/usr/share/doc/fonts-noto-cjk/copyright
out_dir="$repo/assets/fonts"

# The face to take from each collection, by its PostScript name prefix.
face_prefix=NotoSansCJKsc

find_python() {
	local candidate
	for candidate in ${PYTHON:-} /usr/bin/python3 python3; do
		if command -v "$candidate" >/dev/null 2>&1 &&
			"$candidate" -c 'import fontTools.subset' 2>/dev/null; then
			echo "$candidate"
			return
		fi
	done
	echo "build.sh: no python3 with fontTools; apt-get install -y python3-fonttools" >&2
	exit 1
}
python="$(find_python)"

for f in "$src_dir/NotoSansCJK-Regular.ttc" "$src_dir/NotoSansCJK-Bold.ttc" "$copyright"; do
	if [[ ! -f $f ]]; then
		echo "build.sh: $f not found; apt-get install -y fonts-noto-cjk" >&2
		exit 1
	fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" "$repo/tools/font/charset.py" "$repo" >"$work/charset.txt"
echo "characters requested: $(wc -l <"$work/charset.txt")"

# face_index TTC WEIGHT prints the index of the face whose PostScript name
# (name ID 6) is ${face_prefix}-WEIGHT, read from the collection's name tables.
face_index() {
	"$python" - "$1" "$face_prefix-$2" <<'PY'
import sys
from fontTools.ttLib import TTCollection

path, wanted = sys.argv[1], sys.argv[2]
collection = TTCollection(path, lazy=True)
for index, font in enumerate(collection.fonts):
    if font["name"].getDebugName(6) == wanted:
        print(index)
        sys.exit(0)
sys.exit("no face named %s in %s" % (wanted, path))
PY
}

# subset WEIGHT cuts ${face_prefix}-WEIGHT to the character set.
subset() {
	local weight="$1"
	local ttc="$src_dir/NotoSansCJK-$weight.ttc"
	local index
	index="$(face_index "$ttc" "$weight")"
	local out="$out_dir/$face_prefix-$weight-subset.otf"
	echo "subsetting $ttc face $index ($face_prefix-$weight)"
	# Only horizontal text is drawn: keep kerning and mark positioning and
	# drop the vertical tables and features, the per-language glyph variants
	# (locl) and the width variants. CFF hints are of no use to the app's
	# rasteriser and are dropped. Name IDs 13 and 14 keep the licence notice.
	"$python" -m fontTools.subset "$ttc" \
		--font-number="$index" \
		--unicodes-file="$work/charset.txt" \
		--layout-features=ccmp,kern,mark \
		--no-hinting \
		--notdef-outline \
		--name-IDs=0,1,2,3,4,5,6,13,14 \
		--drop-tables+=BASE,VORG,vhea,vmtx \
		--output-file="$work/$weight.otf"
	mv "$work/$weight.otf" "$out"
}

mkdir -p "$out_dir"
subset Regular
subset Bold

# The licence: the font's own copyright notice, the Reserved Font Name that
# upstream's LICENSE declares, and the OFL text from Debian's copyright file
# (the "License: SIL-1.1" paragraph, with Debian's indentation removed).
{
	echo "Noto Sans CJK SC, subset for Jiangsu Pass (see README.md)"
	echo
	"$python" - "$src_dir/NotoSansCJK-Regular.ttc" "$(face_index "$src_dir/NotoSansCJK-Regular.ttc" Regular)" <<'PY'
import sys
from fontTools.ttLib import TTFont

font = TTFont(sys.argv[1], fontNumber=int(sys.argv[2]), lazy=True)
print(font["name"].getDebugName(0))
PY
	echo "Upstream (noto-cjk) states: Copyright 2014-2021 Adobe (http://www.adobe.com/),"
	echo "with Reserved Font Name 'Source'."
	echo
	echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
	echo "This license is copied below."
	echo
	# The first "License: SIL-1.1" line closes the "Files: *" paragraph; the
	# text is in the stand-alone paragraph whose lines that follow are indented.
	awk '
		/^License: SIL-1.1$/ { inside = 1; next }
		inside && /^ / { started = 1 }
		inside && !started { inside = 0; next }
		inside && /^[^ ]/ { exit }
		inside && /^ \.$/ { print ""; next }
		inside { sub(/^ /, ""); print }
	' "$copyright"
} >"$work/LICENSE-OFL.txt"
if ! grep -q "SIL OPEN FONT LICENSE Version 1.1" "$work/LICENSE-OFL.txt"; then
	echo "build.sh: no OFL text found in $copyright" >&2
	exit 1
fi
mv "$work/LICENSE-OFL.txt" "$out_dir/LICENSE-OFL.txt"

# Report what was built.
"$python" - "$out_dir"/"$face_prefix"-*-subset.otf <<'PY'
import os
import sys
from fontTools.ttLib import TTFont

for path in sys.argv[1:]:
    font = TTFont(path, lazy=True)
    print("%s: %d bytes, %d glyphs, %d characters, family %r" % (
        os.path.basename(path), os.path.getsize(path),
        font["maxp"].numGlyphs, len(font.getBestCmap()),
        font["name"].getDebugName(1)))
PY
