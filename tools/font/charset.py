#!/usr/bin/env python3
"""Print the code points that the app's bundled CJK font must cover.

Usage: charset.py REPO_ROOT

Writes one code point per line ("U+4E2D") to standard output, sorted, in the
form that fontTools' subsetter reads with --unicodes-file. The set is:

  * fixed Unicode blocks used by the UI: Latin (ASCII, Latin-1, Latin
    Extended-A and the pinyin letters of Latin Extended-B), punctuation,
    currency, arrows, letterlike symbols, number forms, circled numbers, the
    shapes that UI text commonly uses, CJK symbols and punctuation, half- and
    full-width forms, kana, bopomofo and Hangul compatibility jamo;
  * the characters of the national character sets: all of GB2312, the hanzi
    of Big5 level 1, the kanji of JIS X 0208 level 1 and the Hangul syllables
    of KS X 1001;
  * every character found in translations/*.toml and in every UTF-8 text file
    under assets/data/, read at the time the script runs.

Only the Python standard library is needed.
"""

import os
import sys


def span(first, last):
    """Return the code points first..last inclusive."""
    return range(first, last + 1)


def fixed_blocks():
    """Code points of the Unicode blocks the UI needs whatever the data."""
    cps = set()
    cps.update(span(0x20, 0x7E))        # ASCII printable
    cps.update(span(0xA0, 0xFF))        # Latin-1 Supplement
    cps.update(span(0x100, 0x17F))      # Latin Extended-A (ā ē ī ō ū ...)
    cps.update(span(0x1CD, 0x1DC))      # Ǎ ǎ Ǐ ǐ Ǒ ǒ Ǔ ǔ Ǖ ǖ Ǘ ǘ Ǚ ǚ Ǜ ǜ
    cps.update([0x1F8, 0x1F9])          # Ǹ ǹ (pinyin ǹg)
    cps.update([0x1E3E, 0x1E3F])        # Ḿ ḿ (pinyin ḿ)
    cps.update([0x251, 0x261])          # ɑ ɡ as drawn in pinyin textbooks
    cps.update([0x2C6, 0x2C7, 0x2C9, 0x2CA, 0x2CB, 0x2D9])  # tone letters
    cps.update([0x300, 0x301, 0x302, 0x304, 0x306, 0x308, 0x30C])  # combining
    cps.update(span(0x2000, 0x206F))    # General Punctuation
    cps.update(span(0x20A0, 0x20CF))    # Currency Symbols (€ ₩ ...)
    cps.update(span(0x2100, 0x214F))    # Letterlike Symbols (№ ℃ ℉)
    cps.update(span(0x2150, 0x218F))    # Number Forms (½ Ⅰ Ⅱ Ⅲ)
    cps.update(span(0x2190, 0x21FF))    # Arrows
    cps.update([0x2212, 0x2215, 0x221E, 0x2248, 0x2260, 0x2264, 0x2265])
    cps.update(span(0x2460, 0x24FF))    # Enclosed Alphanumerics (① – ⑳)
    cps.update(span(0x2500, 0x257F))    # Box Drawing
    cps.update(span(0x25A0, 0x25FF))    # Geometric Shapes (● ○ ■ □ ▲ ▼ ◆)
    cps.update([0x2600, 0x2601, 0x2602, 0x2603, 0x2605, 0x2606, 0x260E,
                0x2614, 0x261B, 0x261E, 0x2640, 0x2642, 0x2668])  # ★ ☆ ♨
    cps.update([0x2713, 0x2714, 0x2715, 0x2716, 0x2717, 0x2718])  # ✓ ✗
    cps.update(span(0x3000, 0x303F))    # CJK Symbols and Punctuation
    cps.update(span(0x3040, 0x309F))    # Hiragana
    cps.update(span(0x30A0, 0x30FF))    # Katakana
    cps.update(span(0x3100, 0x312F))    # Bopomofo
    cps.update(span(0x3130, 0x318F))    # Hangul Compatibility Jamo
    cps.update(span(0x31F0, 0x31FF))    # Katakana Phonetic Extensions
    cps.update(span(0xFF00, 0xFFEF))    # Halfwidth and Fullwidth Forms
    return cps


def decode_double_byte(encoding, rows, cols, lead_first=0xA1):
    """Decode every two-byte code of the given lead (rows) and trail (cols)
    byte ranges in an encoding, skipping codes that are not assigned."""
    cps = set()
    for lead in rows:
        for trail in cols:
            try:
                text = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                cps.add(ord(text))
    return cps


def national_sets():
    """Code points of the national character sets named in the module doc."""
    cps = set()
    # GB2312 (EUC-CN): rows 1-9 are symbols, 16-55 level 1 and 56-87 level 2
    # hanzi. Every assigned code is kept.
    cps |= decode_double_byte("gb2312", span(0xA1, 0xF7), span(0xA1, 0xFE))
    # Big5 level 1, the common traditional hanzi: A440 to C67E.
    big5 = set()
    for lead in span(0xA4, 0xC6):
        for trail in list(span(0x40, 0x7E)) + list(span(0xA1, 0xFE)):
            code = lead << 8 | trail
            if code < 0xA440 or code > 0xC67E:
                continue
            try:
                text = bytes([lead, trail]).decode("big5")
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                big5.add(ord(text))
    cps |= big5
    # JIS X 0208 level 1 kanji: rows 16-47, which EUC-JP codes as B0-CF.
    cps |= decode_double_byte("euc_jp", span(0xB0, 0xCF), span(0xA1, 0xFE))
    # KS X 1001 Hangul syllables: rows 16-40, coded B0-C8 in EUC-KR.
    cps |= decode_double_byte("euc_kr", span(0xB0, 0xC8), span(0xA1, 0xFE))
    return cps


def text_file_runes(path):
    """Return the characters of a UTF-8 text file, or nothing if the file is
    not UTF-8 text (such as an image)."""
    with open(path, "rb") as f:
        raw = f.read()
    if b"\x00" in raw:
        return set()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return set()
    return {ord(c) for c in text}


def content_runes(root):
    """Characters of the translations and of the shipped data files."""
    cps = set()
    translations = os.path.join(root, "translations")
    if os.path.isdir(translations):
        for name in sorted(os.listdir(translations)):
            if name.endswith(".toml"):
                cps |= text_file_runes(os.path.join(translations, name))
    data = os.path.join(root, "assets", "data")
    for directory, _, files in os.walk(data):
        for name in sorted(files):
            cps |= text_file_runes(os.path.join(directory, name))
    return cps


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: charset.py REPO_ROOT")
    cps = fixed_blocks() | national_sets() | content_runes(sys.argv[1])
    # Control characters have no glyph; keep the space characters though.
    cps = {cp for cp in cps if cp >= 0x20 and not 0x7F <= cp < 0xA0}
    for cp in sorted(cps):
        print("U+%04X" % cp)


if __name__ == "__main__":
    main()
