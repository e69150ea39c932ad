#!/usr/bin/env bash
# One picture of each printed document, from a demo commune, for docs/ and the README.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
py=.venv/bin/python
$py -m desktop --data-dir "$data" demo --citizens 2000 >/dev/null 2>&1
# certificates as clerks print them: signed, with the verification QR code
export SO_CDHT_PASSPHRASE=mat-khau-anh-minh-hoa
$py -m desktop --data-dir "$data" keys init >/dev/null
for kind in dang-ky dang-ky-trang phieu-danh-gia de-nghi quyet-dinh giay-cong-nhan bao-cao; do
  sign=(); [ "$kind" = giay-cong-nhan ] && sign=(--sign)
  $py -m desktop --data-dir "$data" print "$kind" "${sign[@]}" --village "phu lap" --out "$data/$kind.pdf" >/dev/null 2>&1 ||
    $py -m desktop --data-dir "$data" print "$kind" "${sign[@]}" --out "$data/$kind.pdf" >/dev/null
  pdftoppm -r 60 -png -f 1 -l 1 "$data/$kind.pdf" "$data/$kind"
  mv "$data/$kind"-*1.png "docs/giay-to-$kind.png"
done
# the decision's annex is its second page
pdftoppm -r 60 -png -f 2 -l 2 "$data/quyet-dinh.pdf" "$data/phu-luc" && mv "$data/phu-luc"-*2.png docs/giay-to-quyet-dinh-phu-luc.png
# the learning models' paper: a household's score sheet, the families' decision, a unit's signed certificate
for spec in "phieu-danh-gia family" "quyet-dinh family" "giay-cong-nhan unit"; do
  read -r kind model <<<"$spec"
  sign=(); [ "$kind" = giay-cong-nhan ] && sign=(--sign)
  $py -m desktop --data-dir "$data" print "$kind" --model "$model" "${sign[@]}" --out "$data/m-$kind.pdf" >/dev/null
  pdftoppm -r 60 -png -f 1 -l 1 "$data/m-$kind.pdf" "$data/m-$kind"
  mv "$data/m-$kind"-*1.png "docs/giay-to-mo-hinh-$kind.png"
done
ls docs/giay-to-*.png
