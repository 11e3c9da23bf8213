package msg

// viMessages is the Vietnamese of every message: English format (the key,
// exactly as written in the code) -> Vietnamese, with the same verbs for
// the same arguments; use explicit argument indexes (%[2]s) when the order
// differs. Keep it sorted; add a message with one line.
var viMessages = map[string]string{
	" (default %q)": " (mặc định %q)",
	" (did you mean \"vi\"? \"vn\" is the country)": " (có phải là \"vi\"? \"vn\" là mã quốc gia)",
	" (did you mean %q, %s?)":                       " (có phải là %q, %s?)",
	" (did you mean %q?)":                           " (có phải là %q?)",
	" (did you mean %s?)":                           " (có phải là %s?)",
	" as a group id":                                " làm mã nhóm",
	" as an alias":                                  " làm tên gọi khác (alias)",
	" in %s":                                        " trong %s",
	"#id":                                           "#id",
	"%[1]s%[2]s is not closed: end it with a line %[1]s (a container inside another one needs fewer colons than the outer one)": "%[1]s%[2]s chưa được đóng: kết thúc bằng một dòng %[1]s (khối lồng bên trong khối khác cần ít dấu hai chấm hơn khối ngoài)",
	"%d drafts were not built (%d directive(s) and %d page(s), marked draft = true): --drafts builds them too":                  "%d bản nháp chưa được dựng (%d văn bản chỉ đạo và %d trang, có draft = true): dùng --drafts để dựng cả các bản nháp",
	"%d drafts were not built (%d directives, marked draft = true): --drafts builds them too":                                   "%d bản nháp chưa được dựng (%d văn bản chỉ đạo, có draft = true): dùng --drafts để dựng cả các bản nháp",
	"%d drafts were not built (%d pages, marked draft = true): --drafts builds them too":                                        "%d bản nháp chưa được dựng (%d trang, có draft = true): dùng --drafts để dựng cả các bản nháp",
	"%d errors": "%d lỗi",
	"%d files were the same as in the previous output: not written again\n":                                                                                                                                 "%d tệp giống hệt lần dựng trước: không ghi lại\n",
	"%d more problems were left out because they depend on %s and %d other file(s) that could not be read: fix their errors, then check again":                                                              "%d lỗi khác không được liệt kê vì phụ thuộc vào %s và %d tệp khác không đọc được: hãy sửa các lỗi của những tệp đó, rồi kiểm tra lại",
	"%d more problems were left out because they depend on %s, which could not be read: fix the error above, then check again":                                                                              "%d lỗi khác không được liệt kê vì phụ thuộc vào %s, tệp không đọc được: hãy sửa lỗi nêu trên, rồi kiểm tra lại",
	"%d unit landing page(s) of the previous output are gone: %s, and %d more. Printed QR codes may lead there: if a unit was renamed, list its former id in aliases so that its old address keeps working": "%d trang đơn vị của lần dựng trước không còn nữa: %s, và %d trang khác. Mã QR đã in có thể dẫn tới đó: nếu một đơn vị đã đổi mã, hãy ghi mã cũ vào aliases để địa chỉ cũ vẫn dùng được",
	"%d unit landing page(s) of the previous output are gone: %s. Printed QR codes may lead there: if a unit was renamed, list its former id in aliases so that its old address keeps working":              "%d trang đơn vị của lần dựng trước không còn nữa: %s. Mã QR đã in có thể dẫn tới đó: nếu một đơn vị đã đổi mã, hãy ghi mã cũ vào aliases để địa chỉ cũ vẫn dùng được",
	"%d unit(s) added to the report, %d count(s) replaced\n":                                                                                                                                                "%d đơn vị được thêm vào báo cáo, %d số liệu được thay thế\n",
	"%d unit(s) did not report:\n":                                      "%d đơn vị chưa báo cáo:\n",
	"%d unit(s) matched in %d file(s):\n":                               "%d đơn vị khớp trong %d tệp:\n",
	"%d unit(s) went down since their previous count: check them\n":     "%d đơn vị có số liệu giảm so với lần trước: đề nghị kiểm tra lại\n",
	"%q is negative: a count is a whole number of followers, 0 or more": "%q là số âm: số người quan tâm phải là số nguyên, từ 0 trở lên",
	"%q is not a date: write at=\"YYYY-MM-DD\" (the figures of the latest report on or before that day) or at=\"latest\"": "%q không phải là ngày tháng: ghi at=\"YYYY-MM-DD\" (số liệu của báo cáo gần nhất tính đến ngày đó) hoặc at=\"latest\"",
	"%q is not a number: write the count of followers as a whole number, like 1234":                                       "%q không phải là số: ghi số người quan tâm bằng số nguyên, ví dụ 1234",
	"%q is not a slug (lower-case letters, digits and dashes): try %q":                                                    "%q không phải là tên đường dẫn hợp lệ (chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang): hãy dùng %q",
	"%q is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)":                 "%q không phải là số nguyên: số người quan tâm phải là số nguyên (hàng nghìn ghi là 1.234 hoặc 1234)",
	"%q is the name of %d units: %s; give the full name, or the id in a %q column":                                        "%q là tên của %d đơn vị: %s; hãy ghi tên đầy đủ, hoặc ghi mã đơn vị vào cột %q",
	"%q is too large for a count of followers":                                                                            "%q quá lớn so với một số người quan tâm",
	"%s %q is a name Windows keeps for a device (%s): its folder could not be made on Windows; choose another, like %q":   "%s %q là tên Windows dành riêng cho thiết bị (%s): không tạo được thư mục này trên Windows; hãy chọn tên khác, ví dụ %q",
	"%s %q is already used%s at %s":                                                          "%s %q đã được dùng%s tại %s",
	"%s %q is not a slug (did you mean %q?)":                                                 "%s %q không phải là tên đường dẫn hợp lệ (có phải là %q?)",
	"%s %q is not a slug: use only a-z, 0-9 and single hyphens":                              "%s %q không phải là tên đường dẫn hợp lệ: chỉ dùng a-z, 0-9 và dấu gạch ngang đơn",
	"%s (%s) is given twice with different counts: %s here and %s at %s; keep the right one": "%s (%s) được ghi hai lần với hai số liệu khác nhau: %s ở đây và %s tại %s; hãy giữ lại số đúng",
	"%s (%s) stopped taking part on %s, so the report of %s cannot count it: remove this row, or change retired in %s if the date is wrong": "%s (%s) đã ngừng tham gia từ ngày %s, nên báo cáo ngày %s không thể tính đơn vị này: hãy xóa dòng này, hoặc sửa retired trong %s nếu ngày ghi sai",
	"%s add up to more than %d, the largest total a site can hold: check this %s":                                                           "%s cộng lại vượt quá %d, tổng lớn nhất một trang có thể chứa: hãy kiểm tra %s này",
	"%s already exists: it is left as it is":                                                            "%s đã có: tệp được giữ nguyên",
	"%s already exists: it is left as it is (give another -o, or remove it first)":                      "%s đã có: tệp được giữ nguyên (hãy chọn tên khác bằng -o, hoặc xóa tệp cũ trước)",
	"%s already has %s in %s, and this cell says %s: rerun with --force to replace the count":           "%s đã có số liệu %s trong %s, nhưng ô này ghi %s: chạy lại với --force để thay số liệu",
	"%s cannot be edited in place (%s): add the counts by hand, or move the file away and import again": "không sửa trực tiếp được %s (%s): hãy nhập số liệu bằng tay, hoặc chuyển tệp đó đi nơi khác rồi nhập lại",
	"%s does not exist yet: give the account's total followers on %s with --followers N":                "%s chưa có: hãy cho biết tổng số người quan tâm của tài khoản ngày %s bằng --followers N",
	"%s gives %s followers, not %s: rerun with --force to replace the total":                            "%s ghi %s người quan tâm, không phải %s: chạy lại với --force để thay tổng số",
	"%s is not a container: write \"::%s\" alone on its line":                                           "%s không phải là khối bao: ghi \"::%s\" trên một dòng riêng",
	"%s is too large (got %d)":                                                            "%s quá lớn (giá trị %d)",
	"%s is too large (got %d): a count can be at most %d":                                 "%s quá lớn (giá trị hiện tại %d): một số liệu tối đa là %d",
	"%s must be a date like 2023-10-11 (year-month-day), not %q":                          "%s phải là ngày tháng dạng 2023-10-11 (năm-tháng-ngày), không phải %q",
	"%s must be a date like 2023-10-11, not %s":                                           "%s phải là ngày tháng dạng 2023-10-11, không phải %s",
	"%s must be a date without a time, like 2023-10-11":                                   "%s phải là ngày tháng không kèm giờ, dạng 2023-10-11",
	"%s must be a number, not %s":                                                         "%s phải là một số, không phải %s",
	"%s must be a string, a whole number or true/false, not %s":                           "%s phải là chuỗi ký tự, số nguyên hoặc true/false, không phải %s",
	"%s must be a string, not %s":                                                         "%s phải là một chuỗi chữ trong dấu ngoặc kép, không phải %s",
	"%s must be a table, written [%s], not %s":                                            "%s phải là một bảng, viết [%s], không phải %s",
	"%s must be a whole number, not %s":                                                   "%s phải là số nguyên, không phải %s",
	"%s must be an array of strings, like [\"a\", \"b\"], not %s":                         "%s phải là một danh sách chuỗi, dạng [\"a\", \"b\"], không phải %s",
	"%s must be an array of tables, written [[%s]], not %s":                               "%s phải là một danh sách bảng, viết [[%s]], không phải %s",
	"%s must be true or false, not %s":                                                    "%s phải là true (có) hoặc false (không), không phải %s",
	"%s must not be empty":                                                                "%s không được để trống",
	"%s must not be negative (got %d)":                                                    "%s không được là số âm (giá trị %d)",
	"%s must stand alone on its line, written \"::%s\"":                                   "%s phải nằm riêng trên một dòng, viết \"::%s\"",
	"%s was written by someone else meanwhile: it is left as it is; run the import again": "%s vừa được người khác ghi trong lúc nhập: tệp được giữ nguyên; hãy chạy lại lệnh nhập",
	"%s wraps text: open it with a line \":::%s\" and close it with a line \":::\"":       "%s bao quanh một đoạn văn bản: mở bằng dòng \":::%s\" và đóng bằng dòng \":::\"",
	"%s: count went down from %s (%s) to %s":                                              "%s: số liệu giảm từ %s (%s) xuống %s",
	"%s: the count %s is more than the unit's audience (%s, at %s)":                       "%s: số liệu %s lớn hơn số đối tượng của đơn vị (%s, tại %s)",
	"%s: the theme %q must be a folder":                                                   "%s: giao diện %q phải là một thư mục",
	"%s: theme %q not found: site.toml chooses it but the site has no folder %s/":         "%s: không tìm thấy giao diện %q: site.toml chọn giao diện này nhưng trang không có thư mục %s/",
	"%sdirectives are not available here":                                                 "%skhông dùng được lệnh ở đây",
	"%w on %s: %v":                                                                        "%w trên %s: %v",
	", %d warnings":                                                                       ", %d cảnh báo",
	", 1 warning":                                                                         ", 1 cảnh báo",
	", like \"vi\" or \"en\"":                                                             ", ví dụ \"vi\" hoặc \"en\"",
	", or the header that --column names":                                                 ", hoặc tiêu đề mà --column chỉ ra",
	"--base-url %v":                                                                       "--base-url %v",
	".class":                                                                              ".class",
	"1 draft was not built (1 directive, marked draft = true): --drafts builds them too":  "1 bản nháp chưa được dựng (1 văn bản chỉ đạo, có draft = true): dùng --drafts để dựng cả bản nháp",
	"1 draft was not built (1 page, marked draft = true): --drafts builds them too":       "1 bản nháp chưa được dựng (1 trang, có draft = true): dùng --drafts để dựng cả bản nháp",
	"1 error": "1 lỗi",
	"1 more problem was left out because they depend on %s and %d other file(s) that could not be read: fix their errors, then check again": "1 lỗi khác không được liệt kê vì phụ thuộc vào %s và %d tệp khác không đọc được: hãy sửa các lỗi của những tệp đó, rồi kiểm tra lại",
	"1 more problem was left out because they depend on %s, which could not be read: fix the error above, then check again":                 "1 lỗi khác không được liệt kê vì phụ thuộc vào %s, tệp không đọc được: hãy sửa lỗi nêu trên, rồi kiểm tra lại",
	": rename the file to %q": ": hãy đổi tên tệp thành %q",
	"Build failed":            "Dựng trang thất bại",
	"Fix the files below and save: this page reloads by itself.": "Sửa các tệp dưới đây rồi lưu lại: trang này sẽ tự tải lại.",
	`Loa builds a campaign portal from site.toml and content/.

Usage:
  %[1]s <command> [flags]

Commands:
  build   build the site into DIR/public (or -o), swapping it in only when the whole build succeeded;
          builds into one folder take turns
  check   validate everything a build would, write nothing
  serve   build, serve on loopback under the path of base_url, rebuild and reload browsers on every change
  new     write a new report (every unit with its last count) or a new directive (a draft)
  report  form: a workbook to send to units; import: their filled sheets into a report

Run "%[1]s <command> -h" for the flags of a command.
Every command takes --lang en or --lang vi: the language of the messages
(default: site.toml's language, else vi).

Exit status: 0 success, 1 the site has errors, 2 wrong usage.
`: `Loa dựng cổng thông tin chiến dịch từ site.toml và content/.

Cách dùng:
  %[1]s <lệnh> [tham số]

Các lệnh:
  build   dựng trang vào DIR/public (hoặc -o), chỉ thay bản cũ khi toàn bộ trang dựng thành công;
          các lần dựng vào cùng một thư mục lần lượt chờ nhau
  check   kiểm tra mọi thứ như khi dựng trang, không ghi gì
  serve   dựng và phục vụ trang trên máy này theo đường dẫn của base_url, dựng lại và tải lại trình duyệt mỗi khi có thay đổi
  new     tạo báo cáo mới (mỗi đơn vị kèm số liệu gần nhất) hoặc văn bản chỉ đạo mới (bản nháp)
  report  form: sổ tính gửi các đơn vị; import: nhập các bảng các đơn vị đã điền thành báo cáo

Chạy "%[1]s <lệnh> -h" để xem các tham số của một lệnh.
Mọi lệnh đều nhận --lang en hoặc --lang vi: ngôn ngữ của thông báo
(mặc định: ngôn ngữ trong site.toml, nếu không có thì vi).

Mã thoát: 0 thành công, 1 trang có lỗi, 2 dùng lệnh sai.
`,
	"The build failed": "Dựng trang thất bại",
	"Not saved: the site would have %s. Correct it and save again.\n%s": "Chưa lưu: nếu lưu, trang sẽ có %s. Hãy sửa rồi lưu lại.\n%s",
	"The site has %d errors": "Trang có %d lỗi",
	"The site has 1 error":   "Trang có 1 lỗi",
	`Usage:
  %[1]s new report [-s DIR] [--date YYYY-MM-DD]
  %[1]s new directive [-s DIR] [--date YYYY-MM-DD] SLUG

report     writes content/reports/<date>.toml listing every unit with its last
           count, ready to be updated; a unit that never reported is a comment
directive  writes content/directives/SLUG.md, a draft addressed to every group

Neither overwrites an existing file. The date defaults to today.
`: `Cách dùng:
  %[1]s new report [-s DIR] [--date YYYY-MM-DD]
  %[1]s new directive [-s DIR] [--date YYYY-MM-DD] SLUG

report     tạo content/reports/<ngày>.toml liệt kê mọi đơn vị kèm số liệu gần nhất,
           sẵn sàng để cập nhật; đơn vị chưa báo cáo lần nào là một dòng ghi chú
directive  tạo content/directives/SLUG.md, một văn bản chỉ đạo nháp gửi mọi nhóm

Không lệnh nào ghi đè tệp đã có. Ngày mặc định là hôm nay.
`,
	`Usage:
  %[1]s report form [-s DIR] [--date YYYY-MM-DD] [--group G] [-o FILE.xlsx]
  %[1]s report import [-s DIR] --date YYYY-MM-DD [--followers N] [--column TEXT] [--dry-run] [--force] FILE...

form    writes a workbook to send to units: a row per unit (Mã đơn vị, Đơn vị,
        Nhóm, Chỉ tiêu, Kỳ trước, Kỳ này) with its last count; units fill in Kỳ này
import  reads the units' filled forms or their own sheets (.xlsx, .csv) and
        writes content/reports/<date>.toml; it prints what it found first, and
        writes nothing when a cell has a problem

Run "%[1]s report form -h" or "report import -h" for the flags.
`: `Cách dùng:
  %[1]s report form [-s DIR] [--date YYYY-MM-DD] [--group G] [-o FILE.xlsx]
  %[1]s report import [-s DIR] --date YYYY-MM-DD [--followers N] [--column TEXT] [--dry-run] [--force] FILE...

form    tạo sổ tính gửi các đơn vị: mỗi đơn vị một dòng (Mã đơn vị, Đơn vị,
        Nhóm, Chỉ tiêu, Kỳ trước, Kỳ này) kèm số liệu gần nhất; đơn vị điền cột Kỳ này
import  đọc các biểu mẫu đơn vị đã điền hoặc bảng tính riêng của đơn vị (.xlsx, .csv)
        và ghi content/reports/<ngày>.toml; lệnh in ra những gì đọc được trước,
        và không ghi gì khi có ô bị lỗi

Chạy "%[1]s report form -h" hoặc "report import -h" để xem các tham số.
`,
	`Usage: %s %s

`: `Cách dùng: %s %s

`,
	"Unknown action %s":                   "Không rõ thao tác %s",
	"WENT DOWN":                           "GIẢM",
	"a date or time":                      "một ngày giờ",
	"a directive has at most one id":      "một lệnh chỉ có tối đa một id",
	"a directive name cannot end with %q": "tên lệnh không được kết thúc bằng %q",
	"a directive starts with \":\"":       "lệnh phải bắt đầu bằng \":\"",
	"a report file is named by its date, YYYY-MM-DD.toml, like 2023-11-04.toml (got %q)": "tệp báo cáo được đặt tên theo ngày, YYYY-MM-DD.toml, ví dụ 2023-11-04.toml (tên hiện tại %q)",
	"a string": "một chuỗi chữ",
	"a table":  "một bảng",
	"a text directive needs a [label] or {attributes} right after its name": "lệnh trong dòng cần có [nhãn] hoặc {thuộc tính} ngay sau tên lệnh",
	"a whole number":                          "một số nguyên",
	"a whole number of followers, 0 or more":  "một số nguyên người quan tâm, từ 0 trở lên",
	"admin (edit in the browser) at %sadmin/": "trang quản trị (sửa ngay trong trình duyệt) tại %sadmin/",
	"alias":                 "tên gọi khác (alias)",
	"already in the report": "đã có trong báo cáo",
	"an array":              "một danh sách",
	"an array of tables":    "một danh sách bảng",
	"attribute %q: %s":      "thuộc tính %q: %s",
	"backend":               "backend",
	"backend %q is not a git host; use \"gitlab\", \"github\" or \"gitea\" (loa serve is the local backend by itself)": "backend %q không phải là dịch vụ git; hãy dùng \"gitlab\", \"github\" hoặc \"gitea\" (loa serve tự làm backend trên máy này)",
	"bad flag syntax: %s": "tham số viết sai: %s",
	"base_url %v":         "base_url %v",
	"broken symlink: what it leads to does not exist": "liên kết tượng trưng bị hỏng: nơi nó trỏ tới không tồn tại",
	"build failed: %v": "dựng trang thất bại: %v",
	"build for this absolute `URL` instead of site.toml's base_url (preview deploys)": "dựng cho địa chỉ `URL` đầy đủ này thay cho base_url của site.toml (bản xem trước)",
	"built %d files (%s MB) into %s in %s, %d warning(s)\n":                           "đã dựng %d tệp (%s MB) vào %s trong %s, %d cảnh báo\n",
	"built in %s%s": "đã dựng trong %s%s",
	"campaign.follow_url %q must be an https: URL":                                               "campaign.follow_url %q phải là địa chỉ https:",
	"cannot lock the output folder %s: %w":                                                       "không khóa được thư mục kết quả %s: %w",
	"cannot read the file: %v":                                                                   "không đọc được tệp: %v",
	"cannot read the folder: %v":                                                                 "không đọc được thư mục: %v",
	"cannot read this CSV file (%v): save it again from the spreadsheet program":                 "không đọc được tệp CSV này (%v): hãy lưu lại tệp từ chương trình bảng tính",
	"cannot read this workbook (%v): open it in Excel or LibreOffice and save it again as .xlsx": "không đọc được sổ tính này (%v): hãy mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx",
	"cannot read: %v":                      "không đọc được: %v",
	"character %s is not allowed in an %s": "không được dùng ký tự %s trong %s",
	"character %s is not allowed in an unquoted value: put the value of %q in quotes":                      "không được dùng ký tự %s trong giá trị không có ngoặc kép: hãy đặt giá trị của %q trong dấu ngoặc kép",
	"content should be a folder beside site.toml, holding the site's units, reports, directives and pages": "content phải là một thư mục nằm cạnh site.toml, chứa các đơn vị, báo cáo, văn bản chỉ đạo và trang của site",
	"date %s is not the date of the file name %s: rename the file %s.toml or correct the date":             "ngày %s không khớp với ngày trong tên tệp %s: hãy đổi tên tệp thành %s.toml hoặc sửa lại ngày",
	"directive %q has no renderer": "lệnh %q không có bộ hiển thị",
	"directive syntax: %s":         "cú pháp lệnh: %s",
	"directive syntax: %s closes no container directive (a container inside another one needs fewer colons than the outer one)": "cú pháp lệnh: %s không đóng khối nào (khối lồng bên trong khối khác cần ít dấu hai chấm hơn khối ngoài)",
	"directive syntax: no space allowed between %s and the directive name":                                                      "cú pháp lệnh: không được có dấu cách giữa %s và tên lệnh",
	"directive's slug":                            "tên đường dẫn của văn bản",
	"dry run: nothing written\n":                  "chạy thử: không ghi gì\n",
	"duplicate attribute %q":                      "thuộc tính %q bị lặp",
	"each element of %s must be a string, not %s": "mỗi phần tử của %s phải là một chuỗi chữ, không phải %s",
	"each element of %s must be a table, not %s":  "mỗi phần tử của %s phải là một bảng, không phải %s",
	"end (%s) is before start (%s)":               "ngày kết thúc (%s) trước ngày bắt đầu (%s)",
	"exists: counts are added to it":              "đã có: số liệu được bổ sung vào",
	"expected a directive name after %q: a letter, then letters, digits, - or _": "cần tên lệnh sau %q: một chữ cái, tiếp theo là chữ cái, chữ số, - hoặc _",
	"expected a name after %q":                               "cần một tên sau %q",
	"expected a space or \"}\" after the quoted value of %q": "cần dấu cách hoặc \"}\" sau giá trị trong ngoặc kép của %q",
	"expected an attribute name before \"=\"":                "cần tên thuộc tính trước \"=\"",
	"first count":                                         "số liệu đầu tiên",
	"flag needs an argument: -%s":                         "tham số -%s cần có giá trị",
	"flag provided but not defined: -%s":                  "không có tham số -%s",
	"follow_url must be an https: URL (did you mean %q?)": "follow_url phải là địa chỉ https: (có phải là %q?)",
	"follow_url must be an https: URL, like \"https://zalo.me/...\" (got %q)":                                             "follow_url phải là địa chỉ https:, dạng \"https://zalo.me/...\" (giá trị hiện tại %q)",
	"followers (%s) is more than the population aged 14 and over (population_14plus = %s in site.toml)":                   "số người quan tâm (%s) lớn hơn dân số từ 14 tuổi trở lên (population_14plus = %s trong site.toml)",
	"followers went down from %s (%s) to %s: check the figure (the account loses followers only when people unfollow it)": "số người quan tâm giảm từ %s (%s) xuống %s: đề nghị kiểm tra lại số liệu (tài khoản chỉ mất người quan tâm khi có người bỏ quan tâm)",
	"followers: %s\n": "người quan tâm: %s\n",
	"followers: %s (previous report, %s on %s: %s)\n":                   "người quan tâm: %s (báo cáo trước, %s ngày %s: %s)\n",
	"followers: %s (replaces %s, --force)\n":                            "người quan tâm: %s (thay cho %s, --force)\n",
	"front matter is not closed: add a line \"+++\" after its last key": "phần đầu tệp chưa đóng: thêm một dòng \"+++\" sau mục cuối cùng",
	"group %q has no units (add [[unit]] entries)":                      "nhóm %q chưa có đơn vị nào (hãy thêm các mục [[unit]])",
	"group id": "mã nhóm",
	"has an invalid port (got %q): a port is a number from 1 to 65535, like https://example.vn:8443/zalo/": "có cổng không hợp lệ (giá trị hiện tại %q): cổng là một số từ 1 đến 65535, ví dụ https://example.vn:8443/zalo/",
	"id":                                     "mã",
	"ignored: %s/ holds no folders":          "bỏ qua: %s/ không chứa thư mục con",
	"ignored: content/%s should be a folder": "bỏ qua: content/%s phải là một thư mục",
	"ignored: not a %s file":                 "bỏ qua: không phải tệp %s",
	"ignored: the site format has no folder content/%s":                                       "bỏ qua: cấu trúc trang không có thư mục content/%s",
	"ignored: the site format has no place for this file (pages are .md files)":               "bỏ qua: cấu trúc trang không có chỗ cho tệp này (các trang là tệp .md)",
	"include draft directives and pages":                                                      "dựng cả văn bản và trang đang là bản nháp",
	"invalid value %q for -%s: %s":                                                            "giá trị %q của -%s không hợp lệ: %s",
	"invalid value %q for -%s: write true or false":                                           "giá trị %q của -%s không hợp lệ: ghi true hoặc false",
	"kept %d file(s) that no Loa build wrote, as they were: %s\n":                             "giữ nguyên %d tệp không do Loa ghi: %s\n",
	"language %q is not a language tag%s":                                                     "ngôn ngữ %q không phải là mã ngôn ngữ%s",
	"last: %s on %s":                                                                          "lần cuối: %s ngày %s",
	"link to a file that does not exist: %s":                                                  "liên kết tới tệp không tồn tại: %s",
	"link to a page that does not exist: %s%s":                                                "liên kết tới trang không tồn tại: %s%s",
	"listen on `HOST:PORT`; loopback unless another address is named (port 0: any free port)": "nghe tại `HOST:PORT`; chỉ trên máy này nếu không ghi địa chỉ khác (cổng 0: một cổng trống bất kỳ)",
	"loa %s: %s\n": "loa %s: %s\n",
	"loa %s: --date %q is not a date like 2023-11-04\n":                        "loa %s: --date %q không phải là ngày tháng dạng 2023-11-04\n",
	"loa %s: unexpected argument %q\n":                                         "loa %s: thừa tham số %q\n",
	"loa build: %v\n":                                                          "loa build: %v\n",
	"loa new: %v\n":                                                            "loa new: %v\n",
	"loa new: --date %q is not a date like 2023-11-04\n":                       "loa new: --date %q không phải là ngày tháng dạng 2023-11-04\n",
	"loa report form: %v\n":                                                    "loa report form: %v\n",
	"loa report form: -o %q: the form is a workbook, name it FILE.xlsx\n":      "loa report form: -o %q: biểu mẫu là sổ tính, hãy đặt tên TỆP.xlsx\n",
	"loa report form: no group has the id %q%s; the groups are %s\n":           "loa report form: không có nhóm nào có mã %q%s; các nhóm là %s\n",
	"loa report import: %d problem(s), nothing written\n":                      "loa report import: %d lỗi, không ghi gì\n",
	"loa report import: %v\n":                                                  "loa report import: %v\n",
	"loa report import: give the --date of the report and at least one FILE\n": "loa report import: hãy cho biết ngày báo cáo (--date) và ít nhất một TỆP\n",
	`loa report: unknown command %q

`: `loa report: không có lệnh %q

`,
	"loa serve: %q cannot be written: %v":                                                                   "loa serve: không ghi được %q: %v",
	"loa serve: %q is a folder":                                                                             "loa serve: %q là một thư mục",
	"loa serve: %q is not a path inside the site":                                                           "loa serve: %q không phải là đường dẫn bên trong site",
	"loa serve: %q is not a path the admin may use":                                                         "loa serve: trang quản trị không được dùng đường dẫn %q",
	"loa serve: %q is not a plain file (a symlink or a folder): edit it in a text editor":                   "loa serve: %q không phải là tệp thường (là liên kết hoặc thư mục): hãy sửa tệp này bằng trình soạn thảo văn bản",
	"loa serve: %s is not in the media folder":                                                              "loa serve: %s không nằm trong thư mục ảnh và tệp đính kèm (media_folder)",
	"loa serve: %s needs params":                                                                            "loa serve: %s cần có tham số (params)",
	"loa serve: %s: the content is not base64":                                                              "loa serve: %s: nội dung không ở dạng base64",
	"loa serve: %s: unknown encoding %q":                                                                    "loa serve: %s: không rõ cách mã hóa %q",
	"loa serve: %v":                                                                                         "loa serve: %v",
	"loa serve: %v\n":                                                                                       "loa serve: %v\n",
	"loa serve: --addr %q: want HOST:PORT, like %s\n":                                                       "loa serve: --addr %q: cần dạng HOST:PORT, ví dụ %s\n",
	"loa serve: cannot check the save: %v":                                                                  "loa serve: không kiểm tra được nội dung vừa lưu: %v",
	"loa serve: cannot make the media folder %s: %v":                                                        "loa serve: không tạo được thư mục ảnh và tệp đính kèm %s: %v",
	"loa serve: cannot open %s: %v":                                                                         "loa serve: không mở được %s: %v",
	"loa serve: cannot open the site folder: %v":                                                            "loa serve: không mở được thư mục site: %v",
	"loa serve: cannot read %s":                                                                             "loa serve: không đọc được %s",
	"loa serve: cannot write %s: %v":                                                                        "loa serve: không ghi được %s: %v",
	"loa serve: requests must come from the admin page of this preview (Origin %q)":                         "loa serve: yêu cầu phải đến từ trang quản trị của bản xem trước này (Origin %q)",
	"loa serve: requests must come from the admin page of this preview (Sec-Fetch-Site %q)":                 "loa serve: yêu cầu phải đến từ trang quản trị của bản xem trước này (Sec-Fetch-Site %q)",
	"loa serve: the CMS backend takes JSON (Content-Type %q)":                                               "loa serve: backend của CMS chỉ nhận JSON (Content-Type %q)",
	"loa serve: the request is not JSON: %v":                                                                "loa serve: yêu cầu không phải JSON: %v",
	"loa serve: the CMS backend takes POST requests only":                                                   "loa serve: backend của CMS chỉ nhận yêu cầu POST",
	"loa serve: the admin may only use files under content/%s (not %q)":                                     "loa serve: trang quản trị chỉ được dùng các tệp trong content/%s (không phải %q)",
	"loa serve: the admin writes only .md and .toml files under content/ (not %q)":                          "loa serve: trang quản trị chỉ ghi tệp .md và .toml trong content/ (không phải %q)",
	"loa serve: the params of %s: %v":                                                                       "loa serve: tham số của %s: %v",
	"loa serve: unexpected Host header %q":                                                                  "loa serve: tiêu đề Host %q không đúng",
	"loa serve: uploads go in the media folder; set [cms] media_folder in site.toml to allow them (not %q)": "loa serve: tệp tải lên phải nằm trong thư mục ảnh và tệp đính kèm; hãy đặt [cms] media_folder trong site.toml để cho phép tải lên (không phải %q)",
	"loa: %d error(s), nothing published\n":                                                                 "loa: %d lỗi, chưa xuất bản gì\n",
	"loa: %v\n":                                                                                             "loa: %v\n",
	"loa: --lang %q: Loa speaks en (English) and vi (Vietnamese)\n":                                         "loa: --lang %q: Loa chỉ có en (tiếng Anh) và vi (tiếng Việt)\n",
	`loa: unknown command %q

`: `loa: không có lệnh %q

`,
	"loa: another build (process %d) is writing %s: waiting for it to finish\n":                                          "loa: một lần dựng khác (tiến trình %d) đang ghi %s: đang chờ lần dựng đó xong\n",
	"loa: another build is writing %s: waiting for it to finish\n":                                                       "loa: một lần dựng khác đang ghi %s: đang chờ lần dựng đó xong\n",
	"media_folder must be a folder for uploads, not %q: use a folder like \"static/anh\" or \"content/anh\"":             "media_folder phải là thư mục dành cho tệp tải lên, không phải %q: hãy dùng một thư mục như \"static/anh\" hoặc \"content/anh\"",
	"media_folder must be a folder inside the site, like \"static/anh\" (got %q)":                                        "media_folder phải là một thư mục bên trong site, ví dụ \"static/anh\" (giá trị hiện tại %q)",
	"merged_into names unknown unit %q%s (write the id of the unit that carries on the work of %q)":                      "merged_into ghi đơn vị %q không có%s (hãy ghi mã của đơn vị tiếp nhận công việc của %q)",
	"merged_into needs the date the unit stopped taking part (add retired = YYYY-MM-DD to this [[unit]])":                "merged_into cần có ngày đơn vị ngừng tham gia (hãy thêm retired = YYYY-MM-DD vào [[unit]] này)",
	"merged_into of unit %q leads back to itself through %q: the last unit of a chain must be one that still takes part": "merged_into của đơn vị %q qua %q lại quay về chính nó: đơn vị cuối cùng của chuỗi sáp nhập phải là đơn vị vẫn còn tham gia",
	"minified HTML and CSS: %s kB saved\n":                                                                               "đã nén HTML và CSS: tiết kiệm %s kB\n",
	"missing attribute %q: write ::%s{%s=\"...\"}":                                                                       "thiếu thuộc tính %q: ghi ::%s{%s=\"...\"}",
	"missing front matter: the file must start with a line \"+++\", then its keys (%s), then a line \"+++\"":             "thiếu phần đầu tệp: tệp phải bắt đầu bằng một dòng \"+++\", tiếp theo là các mục (%s), rồi một dòng \"+++\"",
	"missing required key \"id\" in [[unit]] (add id = %q)":                                                              "thiếu mục bắt buộc \"id\" trong [[unit]] (thêm id = %q)",
	"missing required key %q%s": "thiếu mục bắt buộc %q%s",
	"missing the figure's name: write ::stat{name=\"reach\"} or :stat[reach] (one of %s)": "thiếu tên chỉ số: ghi ::stat{name=\"reach\"} hoặc :stat[reach] (một trong %s)",
	"missing value after %q=": "thiếu giá trị sau %q=",
	"must be an absolute http(s) URL, like \"https://example.vn/zalo/\" (got %q)":                                 "phải là địa chỉ http(s) đầy đủ, ví dụ \"https://example.vn/zalo/\" (giá trị hiện tại %q)",
	"must not have \".\" or \"..\" segments in its path (got %q): write the path they lead to":                    "không được có đoạn \".\" hay \"..\" trong đường dẫn (giá trị hiện tại %q): hãy ghi thẳng đường dẫn mà chúng dẫn tới",
	"must not have a query (?) or a fragment (#) (got %q): the path of every page is written after it":            "không được có phần truy vấn (?) hay phần neo (#) (giá trị hiện tại %q): đường dẫn của mọi trang được ghi tiếp sau địa chỉ này",
	"must not hold a user name or password (got %q): they would be printed into every QR code and link; write %q": "không được chứa tên đăng nhập hay mật khẩu (giá trị hiện tại %q): chúng sẽ bị in vào mọi mã QR và liên kết; hãy ghi %q",
	"neither read nor keep the manifest beside the output: build and write every file afresh":                     "không đọc và không giữ bản kê (manifest) bên cạnh thư mục xuất: dựng và ghi lại mọi tệp",
	"nested too deep: arrays, inline tables and dotted keys may be nested %d deep at most (a site needs 3)":       "lồng nhau quá sâu: mảng, bảng trên một dòng và khóa có dấu chấm chỉ được lồng tối đa %d cấp (một site chỉ cần 3)",
	"never reported": "chưa báo cáo lần nào",
	"new":            "mới",
	"no content/ folder beside site.toml: a site keeps its units, reports, directives and pages there (content/units/, content/reports/, ...); create it, or point -s at the folder that holds it": "không có thư mục content/ cạnh site.toml: site lưu các đơn vị, báo cáo, văn bản chỉ đạo và trang trong đó (content/units/, content/reports/, ...); hãy tạo thư mục này, hoặc dùng -s để chỉ tới thư mục chứa nó",
	"no figure %q%s; the figures are %s": "không có chỉ số %q%s; các chỉ số là %s",
	"no group %q%s":                      "không có nhóm %q%s",
	"no header row in the first %d rows: one row must name a unit column (%s, %s or %s) and the count column %q%s": "không thấy dòng tiêu đề trong %d dòng đầu: một dòng phải có cột đơn vị (%s, %s hoặc %s) và cột số liệu %q%s",
	"no line %s = N":        "không có dòng %s = N",
	"no line followers = N": "không có dòng followers = N",
	"no row of these files gives a count: fill in the %q column of the units that report": "không dòng nào trong các tệp này có số liệu: hãy điền cột %q của các đơn vị báo cáo",
	"no site here (site.toml not found)":                                                  "ở đây không có trang nào (không tìm thấy site.toml)",
	"no unit %q%s":                                                                        "không có đơn vị %q%s",
	"no unit has the id %q%s; the ids are in content/units/":                              "không có đơn vị nào có mã %q%s; các mã đơn vị nằm trong content/units/",
	"no unit is named %q: the nearest is %q (%s); write the name as in content/units/, or give the id in a %q column": "không có đơn vị nào tên %q: tên gần nhất là %q (%s); hãy ghi tên như trong content/units/, hoặc ghi mã đơn vị vào cột %q",
	"not a workbook: give .xlsx or .csv files": "không phải sổ tính: hãy dùng tệp .xlsx hoặc .csv",
	"note: %s":                       "ghi chú: %s",
	"ok: no errors, %d warning(s)\n": "kiểm tra xong: không có lỗi, %d cảnh báo\n",
	"only the units of the group with this `id` (default every group)": "chỉ các đơn vị của nhóm có mã `id` này (mặc định: mọi nhóm)",
	"output %s exists and is not a folder":                             "%s đã có và không phải là thư mục",
	"page's slug":                                                      "tên đường dẫn của trang",
	"population_14plus must be more than 0":                            "population_14plus phải lớn hơn 0",
	"print what would be written, and write nothing":                   "in ra những gì sẽ ghi, nhưng không ghi gì",
	"rebuilt in %s%s":                                                  "đã dựng lại trong %s%s",
	"refusing to replace %s: it is not empty and holds no index.html, so it does not look like a site's output": "không thay thế %s: thư mục này không trống và không có index.html, nên không giống thư mục kết quả của một trang",
	"removed %d more control or direction characters from this file":                                            "đã xóa thêm %d ký tự điều khiển hoặc ký tự định hướng khỏi tệp này",
	"replace counts (and the total) the existing report already gives":                                          "thay các số liệu (và tổng số) đã có trong báo cáo",
	"replaces %s (--force)":              "thay cho %s (--force)",
	"report of %s: %s (%s)\n":            "báo cáo ngày %s: %s (%s)\n",
	"serving %sat %s (Ctrl-C to stop)\n": "đang phục vụ %stại %s (Ctrl-C để dừng)\n",
	"site folder %s is not a folder":     "thư mục trang %s không phải là thư mục",
	"site folder: %w":                    "thư mục trang: %w",
	"script must be the absolute URL of decap-cms.js, like \"https://cms.example.vn/decap-cms.js\" (got %q)": "script phải là địa chỉ đầy đủ của decap-cms.js, ví dụ \"https://cms.example.vn/decap-cms.js\" (giá trị hiện tại %q)",
	"site.toml is not a file": "site.toml không phải là một tệp",
	"smartphone_share must be more than 0 and at most 1, like 0.83 (got %v)":                      "smartphone_share phải lớn hơn 0 và không quá 1, ví dụ 0.83 (giá trị hiện tại %v)",
	"symlink cannot be followed: %v":                                                              "không theo được liên kết tượng trưng: %v",
	"symlink leads outside the site (to %s): it is not read":                                      "liên kết tượng trưng trỏ ra ngoài trang (tới %s): không đọc",
	"symlink loop: it is not read":                                                                "liên kết tượng trưng bị vòng lặp: không đọc",
	"the URL %v":                                                                                  "địa chỉ %v",
	"the `date` of the new file":                                                                  "ngày (`date`) của tệp mới",
	"the `date` of the report the form asks for":                                                  "ngày (`date`) của báo cáo mà biểu mẫu yêu cầu",
	"the `language` of the messages: en or vi (default: site.toml's language, else vi)":           "ngôn ngữ (`language`) của thông báo: en hoặc vi (mặc định: ngôn ngữ trong site.toml, nếu không có thì vi)",
	"the account's total followers `N` on the date (required when the report does not exist yet)": "tổng số người quan tâm `N` của tài khoản vào ngày đó (bắt buộc khi báo cáo chưa có)",
	"the character reference %s writes %s, which is left out of the page: delete it":              "tham chiếu ký tự %s viết ra %s, ký tự này bị bỏ khỏi trang: hãy xóa tham chiếu đó",
	"the file is not UTF-8 text: save it again as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)":  "tệp không phải văn bản UTF-8: hãy lưu lại dạng CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
	"the file name %q is not a real date":                                                         "tên tệp %q không phải là một ngày có thật",
	"the file name is the %s, and %q is a name Windows keeps for a device (%s): the site could not be checked out on Windows; rename the file, like %q": "tên tệp là %s, và %q là tên Windows dành riêng cho thiết bị (%s): không lấy được site về máy Windows; hãy đổi tên tệp, ví dụ %q",
	"the file name is the %s, and %q is not a slug%s":                                                    "tên tệp là %s, mà %q không phải là tên đường dẫn hợp lệ%s",
	"the first report is dated %s: a new report must come after it (a date between two reports is fine)": "báo cáo đầu tiên là ngày %s: báo cáo mới phải sau ngày đó (ngày nằm giữa hai báo cáo cũng được)",
	"the header of the count column in the units' own sheets (default \"Kỳ này\")":                       "tiêu đề cột số liệu trong bảng tính riêng của các đơn vị (mặc định \"Kỳ này\")",
	"the latest counts of the units":                                                                     "số liệu mới nhất của các đơn vị",
	"the number %s":                                                                                      "số %s",
	"the output `DIR` (default DIR/public): replaced by each build, files Loa did not write kept; never the site folder, one that holds it, or one inside its content/ or themes/": "thư mục kết quả `DIR` (mặc định DIR/public): được thay mới sau mỗi lần dựng, các tệp không do Loa ghi được giữ lại; không được là thư mục site, thư mục chứa nó, hay một thư mục bên trong content/ hoặc themes/ của nó",
	"the page %s would take /%s/, where site.toml's [cms] puts the admin: rename the file":                                                                                         "trang %s sẽ chiếm /%s/, nơi [cms] trong site.toml đặt trang quản trị: hãy đổi tên tệp",
	"the page slug %q is taken by %s (/%s/): rename the file":                                                                                                                      "tên đường dẫn %q đã được %s dùng (/%s/): hãy đổi tên tệp",
	"the site `DIR`: the folder holding site.toml":                                                                                                                                 "thư mục trang `DIR`: thư mục chứa site.toml",
	"the site folder %s is back: watching it again":                                                                                                                                "thư mục site %s đã có lại: tiếp tục theo dõi",
	"the site folder %s is gone: waiting for it to come back":                                                                                                                      "thư mục site %s không còn nữa: đang chờ thư mục có lại",
	"the targets of the units": "chỉ tiêu của các đơn vị",
	"the units' counts add up to %s, more than the %s followers of the report":              "tổng số liệu các đơn vị là %s, lớn hơn %s người quan tâm của báo cáo",
	"the units' counts add up to more than the %s followers of the report":                  "số liệu của các đơn vị cộng lại lớn hơn %s người quan tâm của báo cáo",
	"the workbook to write (default mau-bao-cao-DATE.xlsx, or mau-bao-cao-GROUP-DATE.xlsx)": "sổ tính sẽ ghi (mặc định mau-bao-cao-DATE.xlsx, hoặc mau-bao-cao-GROUP-DATE.xlsx)",
	"theme": "giao diện",
	"theme %q has no page templates (templates/*.html)":       "giao diện %q không có mẫu trang nào (templates/*.html)",
	"theme %q has no template %q":                             "giao diện %q không có mẫu %q",
	"theme %q: %w":                                            "giao diện %q: %w",
	"theme name %q: must be a folder name under themes/":      "tên giao diện %q: phải là tên một thư mục trong themes/",
	"theme: built-in theme: %w":                               "giao diện: giao diện có sẵn: %w",
	"this file is not UTF-8 (byte 0x%02X cannot be read): %s": "tệp này không ở dạng UTF-8 (không đọc được byte 0x%02X): %s",
	"this header row has a unit column but no count column %q%s (the columns are: %s); name the column with --column":                                                           "dòng tiêu đề này có cột đơn vị nhưng không có cột số liệu %q%s (các cột là: %s); hãy ghi tên cột bằng --column",
	"this kind of file cannot be read: open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (.csv)":                                                                       "không đọc được loại tệp này: hãy mở tệp rồi lưu lại dạng Excel Workbook (.xlsx) hoặc CSV UTF-8 (.csv)",
	"this report has exactly the figures of the report of %s (%s): it seems left as `new report` wrote it; write this date's figures, or delete the file if there are none yet": "báo cáo này có số liệu giống hệt báo cáo ngày %s (%s): có vẻ vẫn để nguyên như `new report` đã tạo; hãy ghi số liệu của ngày này, hoặc xóa tệp nếu chưa có số liệu",
	"this task is given to %q, which is not among the directive's recipients (to = [%s]): add %q to the directive's to, or give the task to one of its recipients":              "nhiệm vụ này giao cho %q, không có trong nơi nhận của văn bản (to = [%s]): hãy thêm %q vào to của văn bản, hoặc giao nhiệm vụ cho một trong các nơi nhận",
	"to must name at least one group or unit, like to = [\"phuong\"]":                                                                                                           "to phải ghi ít nhất một nhóm hoặc đơn vị, ví dụ to = [\"phuong\"]",
	"unclosed \"[\": the label has no closing \"]\"":                                                                                                                            "thiếu dấu đóng: nhãn mở bằng \"[\" nhưng không có \"]\"",
	"unclosed \"{\": the attributes have no closing \"}\"":                                                                                                                      "thiếu dấu đóng: thuộc tính mở bằng \"{\" nhưng không có \"}\"",
	"unclosed quote in the value of %q: add the closing %s":                                                                                                                     "giá trị của %q thiếu dấu ngoặc đóng: thêm %s",
	"unexpected character %s in attributes: write key=\"value\", #id or .class":                                                                                                 "ký tự %s không hợp lệ trong thuộc tính: ghi key=\"value\", #id hoặc .class",
	"unexpected text after the directive":                                                                                                                                       "có chữ thừa sau lệnh",
	"unexpected text after the directive (a leaf or container directive stands alone on its line)":                                                                              "có chữ thừa sau lệnh (lệnh dạng khối phải nằm riêng trên một dòng)",
	"unit %q cannot be merged into itself (write the id of the unit that carries on its work, or remove merged_into)":                                                           "đơn vị %q không thể sáp nhập vào chính nó (hãy ghi mã của đơn vị tiếp nhận công việc, hoặc xóa merged_into)",
	"unit %q is in no report yet: it is shown as \"chưa báo cáo\"":                                                                                                              "đơn vị %q chưa có trong báo cáo nào: được hiển thị là \"chưa báo cáo\"",
	"unit %q is listed twice in this report (first at %s)":                                                                                                                      "đơn vị %q được ghi hai lần trong báo cáo này (lần đầu tại %s)",
	"unit %q is merged into %q, which stopped taking part earlier (%s, before %s): merge it into a unit that still takes part":                                                  "đơn vị %q được sáp nhập vào %q, nhưng đơn vị đó đã ngừng tham gia sớm hơn (%s, trước %s): hãy sáp nhập vào một đơn vị vẫn còn tham gia",
	"unit %q stopped taking part on %s (retired in %s), but this report of %s lists it: remove this line, or change retired if the date is wrong":                               "đơn vị %q đã ngừng tham gia từ ngày %s (retired trong %s), nhưng báo cáo ngày %s này vẫn ghi đơn vị đó: hãy xóa dòng này, hoặc sửa retired nếu ngày ghi sai",
	"unit id":                          "mã đơn vị",
	"unknown attribute%s":              "không có thuộc tính này%s",
	"unknown attribute: %s takes none": "không có thuộc tính này: %s không nhận thuộc tính nào",
	"unknown directive %q%s":           "không có lệnh %q%s",
	"unknown group or unit %q%s":       "không tìm thấy nhóm hoặc đơn vị %q%s",
	"unknown key %q%s%s":               "không có mục %q%s%s",
	"unknown unit %q%s":                "không tìm thấy đơn vị %q%s",
	"unknown unit %q%s; if it stopped taking part, keep its [[unit]] in content/units with retired = YYYY-MM-DD (and merged_into = \"id\" if another unit carries on its work) instead of deleting it": "không tìm thấy đơn vị %q%s; nếu đơn vị này đã ngừng tham gia, đừng xóa [[unit]] của nó trong content/units mà hãy ghi retired = YYYY-MM-DD (và merged_into = \"mã\" nếu có đơn vị khác tiếp nhận công việc)",
	"up to date: nothing changed since the last build of the %d files (%s MB) in %s (checked in %s), %d warning(s)\n":                                                                                  "đã là bản mới nhất: không có gì thay đổi kể từ lần dựng %d tệp (%s MB) trong %s (kiểm tra trong %s), %d cảnh báo\n",
	"warning: %s": "cảnh báo: %s",
	"warning: listening on %s, beyond loopback: the preview, drafts included, can be read by anyone on the network":        "cảnh báo: đang nghe tại %s, ngoài máy này: bất kỳ ai trong mạng đều đọc được bản xem trước, kể cả bản nháp",
	"warning: listening on %s, beyond loopback: the preview, drafts included, can be read by anyone on the network, at %s": "cảnh báo: đang nghe tại %s, ngoài máy này: bất kỳ ai trong mạng đều đọc được bản xem trước, kể cả bản nháp, tại %s",
	"warning: the units' counts add up to %s, more than the %s followers of the report\n":                                  "cảnh báo: tổng số liệu các đơn vị là %s, lớn hơn %s người quan tâm của báo cáo\n",
	"watch %s: %v": "theo dõi %s: %v",
	"watch: %v":    "theo dõi: %v",
	"watch: %v; the preview will not rebuild by itself": "theo dõi: %v; bản xem trước sẽ không tự dựng lại",
	"write HTML pages and CSS files minified":           "ghi các trang HTML và tệp CSS ở dạng nén",
	"wrote %s\n": "đã ghi %s\n",
	"wrote %s: %d unit(s), to be filled in and sent back for the report of %s\n": "đã ghi %s: %d đơn vị, cần điền và gửi lại cho báo cáo ngày %s\n",
}
