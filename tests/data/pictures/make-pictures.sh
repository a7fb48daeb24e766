#!/bin/sh
# How the test pictures in this directory were made (ImageMagick 6.9 and
# python3 on Debian 12); they are committed, so the tests need neither.
# Run from this directory to make them again.
set -e
scene() {   # a landscape: sky, hills, sun, a post
	convert -size "$1" gradient:'#9cc8e8'-'#2b5a7a' \
	  -fill '#3d6b35' -draw 'polygon 0,320 0,230 120,180 260,240 380,170 480,210 480,320' \
	  -fill '#f2d15a' -draw 'circle 380,80 380,50' \
	  -fill '#7a4b2a' -draw 'rectangle 60,220 110,300' png:-
}
scene 480x320 | convert - -quality 80 photo.jpg
convert photo.jpg -colorspace CMYK -quality 80 cmyk.jpg
convert photo.jpg -colorspace Gray -quality 80 grey.jpg
# stored on its side (the arrow points left); EXIF orientation 6 turns it up
convert -size 320x240 xc:'#e8e0d0' -fill '#b03030' \
  -draw 'polygon 20,120 120,40 120,90 300,90 300,150 120,150 120,200' -quality 80 side.jpg
python3 - <<'PY'
import struct
d = open('side.jpg', 'rb').read()
# TIFF, little-endian, IFD0 with Orientation = 6, XResolution = 300/1, ResolutionUnit = inch
ifd = struct.pack('<H', 3)
ifd += struct.pack('<HHII', 0x0112, 3, 1, 6)
ifd += struct.pack('<HHII', 0x011A, 5, 1, 8 + 2 + 3 * 12 + 4)
ifd += struct.pack('<HHII', 0x0128, 3, 1, 2)
ifd += struct.pack('<I', 0)
tiff = b'II*\0' + struct.pack('<I', 8) + ifd + struct.pack('<II', 300, 1)
app1 = b'Exif\0\0' + tiff
seg = b'\xff\xe1' + struct.pack('>H', len(app1) + 2) + app1
open('exif-rotated.jpg', 'wb').write(d[:2] + seg + d[2:])
PY
rm side.jpg
# a bar chart: palette PNG with transparency, 150 dpi
convert -size 300x180 xc:none -fill '#c0392b' -draw 'rectangle 20,100 70,170' \
  -fill '#2980b9' -draw 'rectangle 90,40 140,170' -fill '#27ae60' -draw 'rectangle 160,70 210,170' \
  -fill '#8e44ad' -draw 'rectangle 230,20 280,170' -fill black -draw 'line 10,170 290,170' \
  -units PixelsPerInch -density 150 PNG8:chart.png
# an animation: the first frame (orange) is the one set
convert -size 200x120 xc:'#e67e22' -fill white -draw 'circle 100,60 100,20' \
  \( -size 200x120 xc:'#16a085' \) -delay 50 -loop 0 anim.gif
scene 480x320 | convert - -quality 75 pic.webp
# a picture larger than any page: 3000 × 4200
convert -size 3000x4200 gradient:'#fdf0d5'-'#c06014' -quality 60 huge.jpg
# broken ones
head -c 2000 photo.jpg > truncated.jpg
python3 - <<'PY'
import struct, zlib
def chunk(t, b):
    return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
sig = b'\x89PNG\r\n\x1a\n'
# a decompression bomb: 30000 × 30000 pixels claimed in a 100-byte file
bomb = sig + chunk(b'IHDR', struct.pack('>IIBBBBB', 30000, 30000, 8, 0, 0, 0, 0)) \
       + chunk(b'IDAT', zlib.compress(b'\0' * 64)) + chunk(b'IEND', b'')
open('bomb.png', 'wb').write(bomb)
# a corrupt PNG: the chart with its image data scrambled (CRC no longer matches)
d = bytearray(open('chart.png', 'rb').read())
i = d.index(b'IDAT') + 20
for k in range(i, i + 40):
    d[k] ^= 0x5a
open('corrupt.png', 'wb').write(bytes(d))
# zero width
open('zero.png', 'wb').write(sig + chunk(b'IHDR', struct.pack('>IIBBBBB', 0, 10, 8, 0, 0, 0, 0))
                              + chunk(b'IEND', b''))
PY
# the lead photo of the picture sample: 1200 × 800, a sailing boat at dusk
convert -size 1200x800 gradient:'#f6d7a7'-'#3a6ea5' -fill '#24456b' \
  -draw 'polygon 0,800 0,560 300,470 650,590 900,430 1200,520 1200,800' \
  -fill '#f4f1e8' -draw 'polygon 420,600 520,380 620,600' \
  -fill '#7a4b2a' -draw 'rectangle 470,600 570,640' -quality 70 -sampling-factor 2x2 -strip lead.jpg
