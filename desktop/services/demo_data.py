"""Word lists for demo data: family names with their real frequencies, given names, villages, jobs.

Faker's vi_VN locale supplies the randomness and some names; its own lists are short (ten family
names), so the frequencies of Vietnam's common family names are added here.
"""

FAMILY_NAMES = {
    "Nguyễn": 38, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 3, "Huỳnh": 2.1, "Phan": 4.5, "Vũ": 2,
    "Võ": 1.9, "Đặng": 2.1, "Bùi": 2, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1, "Lý": 0.5,
    "Đinh": 0.6, "Trương": 0.6, "Lâm": 0.3, "Mai": 0.3, "Tạ": 0.2, "Cao": 0.3, "Châu": 0.2,
    "Lương": 0.3, "Đoàn": 0.4, "Thái": 0.2, "Kiều": 0.1, "Quách": 0.1, "Tô": 0.2, "Hà": 0.3,
}
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân", "Đình", "Bá",
               "Ngọc", "Tấn", "Hoàng", "Quốc", "Trọng", "Thế", "Anh", "Duy"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Bích", "Thùy",
                 "Minh", "Phương", "Diệu", "Hoài", "Xuân", "Cẩm"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khang",
              "Khánh", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn",
              "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
              "Bảo", "Châu", "Danh", "Giang", "Hậu", "Kiên", "Lâm", "Lực", "Mạnh", "Nhân", "Phát", "Sang",
              "Thái", "Thiện", "Tín", "Trí", "Tú", "Vũ", "Hưng", "Khoa", "Tú"]
GIVEN_FEMALE = ["An", "Anh", "Ánh", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
                "Hoa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
                "Ngọc", "Nhung", "Oanh", "Phương", "Phượng", "Quyên", "Quỳnh", "Sương", "Tâm", "Thảo",
                "Thoa", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Vân", "Vy", "Xuân", "Yến", "Hạnh",
                "Lệ", "Nguyệt", "Thắm", "Thơm", "Đào", "Bích", "Cúc", "Huyền", "Kiều", "Thanh"]

DEMO_PROVINCE_CODE = 68          # Lâm Đồng (the former Bình Thuận of the seed article merged into it)
DEMO_COMMUNE_NAME = "Xã Hàm Thuận"
DEMO_BIRTH_PLACE = "060"         # CCCD code of the former Bình Thuận province
OTHER_BIRTH_PLACES = ["068", "058", "075", "079", "051", "052", "040", "038", "036", "001"]
DEMO_VILLAGES = ["Thôn Phú Lập", "Thôn Phú Hòa", "Thôn Lâm Giáo", "Thôn Ku Kê", "Thôn Đại Thiện",
                 "Thôn Phú Sơn", "Thôn Lập Phước", "Thôn Hiệp Hòa", "Thôn Tân Hội", "Thôn Dân Hòa",
                 "Khu phố Ma Lâm 1", "Khu phố Ma Lâm 2"]

# Shares of the seed article's province: 386,141 farmers, 150,429 workers, 31,508 officials.
GROUP_SHARES = {1: 386_141, 2: 150_429, 3: 31_508}
OCCUPATIONS = {
    1: ["Làm ruộng", "Trồng thanh long", "Chăn nuôi heo, gà", "Làm vườn điều", "Trồng rau màu",
        "Nuôi trồng thủy sản", "Làm thuê thời vụ", "Trồng cao su", "Nội trợ, làm vườn"],
    2: ["Công nhân may", "Thợ mộc", "Thợ xây", "Thợ cơ khí", "Công nhân chế biến thủy sản", "Thợ điện",
        "Thợ hàn", "Công nhân khu công nghiệp", "Thợ sửa xe máy", "Làm bánh tráng", "Đan lát mây tre"],
    3: ["Công chức UBND xã", "Giáo viên Trường Tiểu học Hàm Thuận", "Giáo viên Trường THCS Hàm Thuận",
        "Nhân viên Trạm Y tế xã", "Kế toán Hợp tác xã nông nghiệp", "Chủ doanh nghiệp tư nhân",
        "Cán bộ Hội Nông dân xã", "Viên chức Điện lực", "Chủ cơ sở chế biến nông sản"],
}
