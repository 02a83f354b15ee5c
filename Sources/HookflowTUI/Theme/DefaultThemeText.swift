/// The text of `Themes/default.theme`, so the designer has its default look when the Themes folder is missing.
///
/// Keep it identical to the file: `ShippedThemeTests` fails when they drift.
enum DefaultThemeText {
    static let text = #"""
# Hookflow theme: the default, for dark terminals.
# Format: see Themes/README.md. One "role = style" per line; a style is
# "FOREGROUND [on BACKGROUND]" then ", attribute" (bold, dim, italic, underline, reverse).
# Colours: default (the terminal's own), black, red, ..., bright-white, or 0-255.
# Backgrounds stay "default" except for bars and highlights, so transparent terminals stay transparent.
name = default
description = Dark terminals, 256 colours (degrades to 16, 8 and none)

# Text
normal           = default
dim              = 245
title            = 255, bold
disabled         = 240

# Header bar and message bars
header           = 255 on 18, bold
header.accent    = 220 on 18, bold
banner           = 16 on 114
banner.error     = 231 on 160, bold

# Boxes and the step list
border           = 242
border.focused   = 75, bold
card.border      = 244
card.title       = 255, bold
card.type        = 110
card.summary     = 250
connector        = 244
error.mark       = 203, bold
warning.mark     = 214, bold
selection        = 231 on 25, bold

# Forms
required         = 203, bold
label            = 250
value            = default
value.focused    = 231 on 238
placeholder      = 243, italic
button           = 252 on 238
button.focused   = 16 on 75, bold

# Run and step statuses
status.succeeded = 77
status.failed    = 203, bold
status.running   = 75
status.waiting   = 214
status.cancelled = 246
status.skipped   = 244
status.timed-out = 208, bold

# Help, keys and search
help             = 246
key              = 75, bold
search           = 255 on 237
match            = 220, bold, underline

# Code view (JSON)
code.key         = 110
code.string      = 114
code.number      = 215
code.literal     = 176
"""#
}
