#!/usr/bin/env bash
# A whole exchange round from the command line: two communes and their upper level set up, keys
# exchanged, each commune's year exported, received and merged above, receipts imported back.
# Usage: bash scripts/exchange_round.sh DIR   (DIR: an empty folder for the three data folders)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:?thư mục trống cho ba đơn vị}
cdht() { .venv/bin/python -m desktop "$@"; }
export SO_CDHT_PASSPHRASE=${SO_CDHT_PASSPHRASE:-mat-khau-vong-trao-doi}
year=$(date +%Y)

# 1. the upper level and two communes, each with its keys (the passphrase comes from the variable)
cdht --data-dir "$root/tinh" setup --kind upper --province "lam dong" --association "Hội Khuyến học tỉnh Lâm Đồng" --clerk "Trần Văn Tỉnh"
cdht --data-dir "$root/ham-thuan" setup --province "lam dong" --commune "ham thuan" --clerk "Nguyễn Thị Lan" --village "Thôn 1" --village "Thôn 2" --upper-name "Hội Khuyến học tỉnh Lâm Đồng"
cdht --data-dir "$root/ham-liem" setup --province "lam dong" --commune "ham liem" --clerk "Lê Văn Hải" --village "Thôn Phú Lập" --upper-name "Hội Khuyến học tỉnh Lâm Đồng"
# (a real office types its people in; here each commune gets demo people and a year decided)
cdht --data-dir "$root/ham-thuan" demo --citizens 60 --year "$year" --seed 1
cdht --data-dir "$root/ham-liem" demo --citizens 40 --year "$year" --seed 2

# 2. keys: the upper level's public halves go down, each commune's signing key goes up (compare the
#    fingerprints with the signed paper key forms before registering)
cdht --data-dir "$root/tinh" keys export-public "$root/khoa/tinh"
for xa in ham-thuan ham-liem; do
  cdht --data-dir "$root/$xa" keys import-upper "$root/khoa/tinh/ky-so.pub" "$root/khoa/tinh/giai-ma.pub"
  cdht --data-dir "$root/$xa" keys export-public "$root/khoa/$xa"
done
cdht --data-dir "$root/tinh" keys register 23059 "Hội Khuyến học xã Hàm Thuận" "$root/khoa/ham-thuan/ky-so.pub"
cdht --data-dir "$root/tinh" keys register 23098 "Hội Khuyến học xã Hàm Liêm" "$root/khoa/ham-liem/ky-so.pub"

# 3. each commune exports its year; the upper level checks (dry run), then receives and signs receipts
mkdir -p "$root/goi" "$root/bien-nhan"
cdht --data-dir "$root/ham-thuan" export --year "$year" --out "$root/goi"
cdht --data-dir "$root/ham-liem" export --year "$year" --out "$root/goi"
cdht --data-dir "$root/tinh" receive "$root"/goi/*.age --dry-run
cdht --data-dir "$root/tinh" receive "$root"/goi/*.age --receipts "$root/bien-nhan"
cdht --data-dir "$root/tinh" stats --year "$year"

# 4. the receipts go back down
cdht --data-dir "$root/ham-thuan" import-receipt "$root"/bien-nhan/bien-nhan-23059-*.zip
cdht --data-dir "$root/ham-liem" import-receipt "$root"/bien-nhan/bien-nhan-23098-*.zip
