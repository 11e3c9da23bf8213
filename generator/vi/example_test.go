package vi_test

import (
	"fmt"
	"time"

	"github.com/loa-vn/loa/generator/vi"
)

func ExampleSlug() {
	fmt.Println(vi.Slug("UBND phường Bắc Sơn"))
	fmt.Println(vi.Slug("Trường THCS Lê Lợi (cơ sở 2)"))
	// Output:
	// ubnd-phuong-bac-son
	// truong-thcs-le-loi-co-so-2
}

func ExampleLongDate() {
	fmt.Println(vi.LongDate(time.Date(2024, time.January, 5, 0, 0, 0, 0, time.UTC)))
	fmt.Println(vi.LongDate(time.Date(2025, time.June, 29, 0, 0, 0, 0, time.UTC)))
	fmt.Println(vi.ShortDate(time.Date(2025, time.June, 29, 0, 0, 0, 0, time.UTC)))
	// Output:
	// ngày 05 tháng 01 năm 2024
	// ngày 29 tháng 6 năm 2025
	// 29/06/2025
}

func ExamplePercent() {
	fmt.Println(vi.Int(70872), vi.Signed(1234), vi.Signed(-56))
	fmt.Println(vi.Decimal(1234.5, 1), vi.Percent(0.137, 1), vi.Percent(0.0045, 1))
	// Output:
	// 70.872 +1.234 -56
	// 1.234,5 13,7% 0,5%
}

func ExampleSort() {
	wards := []string{"Đồng Hòa", "Văn Đẩu", "Dương Kinh", "Ân Thi", "Bắc Sơn", "An Lão"}
	vi.Sort(wards, func(s string) string { return s })
	fmt.Println(wards)
	// Output:
	// [An Lão Ân Thi Bắc Sơn Dương Kinh Đồng Hòa Văn Đẩu]
}
