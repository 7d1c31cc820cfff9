package store

// What the demo's inspectors wrote, item by item, for the items of the
// 2026.1 sở and huyện checklists (their codes are the same for the items
// below): each finding is written for its item, so a note about staff
// badges sits under the item on staff badges. Every name, number and date
// in them is invented for the demo.

// demoShortfall is what an inspector finds for an item that falls short:
// the result (đạt một phần or chưa đạt, as the item's scoring allows), the
// note, the documents seen and the recommendation.
type demoShortfall struct {
	partial             bool // đạt một phần; otherwise chưa đạt
	note, evidence, rec string
	// by is the deadline when the recommendation names one (dd/mm/yyyy);
	// otherwise it is four weeks after the visit.
	by string
}

// demoShortfalls are the findings the demo may record, by item code.
var demoShortfalls = map[string]demoShortfall{
	"1.1.1": {partial: true, note: "Kế hoạch CCHC năm 2022 ban hành ngày 28/01/2022, chậm 13 ngày so với thời hạn UBND tỉnh yêu cầu.",
		evidence: "Kế hoạch CCHC năm 2022 (bản ký ngày 28/01/2022)", rec: "Ban hành Kế hoạch CCHC năm 2023 trước ngày 15/01/2023 theo yêu cầu của UBND tỉnh.", by: "15/01/2023"},
	"1.2.1": {partial: true, note: "Báo cáo CCHC quý III năm 2022 gửi chậm 5 ngày so với thời hạn.",
		evidence: "Báo cáo CCHC quý III năm 2022; sổ đăng ký văn bản đi", rec: "Gửi các báo cáo CCHC định kỳ đúng thời hạn quy định."},
	"1.3.1": {partial: true, note: "Theo kế hoạch tự kiểm tra CCHC năm 2022, mới kiểm tra 2/6 phòng, đơn vị trực thuộc (33%), chưa đạt tối thiểu 50%.",
		evidence: "Kế hoạch tự kiểm tra CCHC năm 2022; 02 biên bản tự kiểm tra", rec: "Hoàn thành tự kiểm tra ít nhất 50% phòng, đơn vị trực thuộc trong quý IV năm 2022.", by: "31/12/2022"},
	"1.3.3": {partial: true, note: "Còn 2/5 tồn tại theo kết luận kiểm tra CCHC năm 2021 chưa khắc phục xong.",
		evidence: "Thông báo kết luận kiểm tra CCHC năm 2021; báo cáo kết quả khắc phục của đơn vị", rec: "Khắc phục dứt điểm 02 tồn tại còn lại theo kết luận kiểm tra năm 2021."},
	"1.5.1": {note: "Trong năm chưa có sáng kiến, giải pháp CCHC được cấp có thẩm quyền công nhận.",
		evidence: "Danh sách sáng kiến đăng ký năm 2022", rec: "Đăng ký và triển khai ít nhất 01 sáng kiến, giải pháp CCHC trong năm 2023.", by: "31/12/2023"},
	"2.2.2": {partial: true, note: "03 văn bản được rà soát là cần sửa đổi, bổ sung nhưng chưa có văn bản kiến nghị xử lý.",
		evidence: "Báo cáo kết quả rà soát văn bản quy phạm pháp luật năm 2022", rec: "Kiến nghị cấp có thẩm quyền sửa đổi, bổ sung 03 văn bản đã rà soát."},
	"2.3.1": {note: "Chưa tổ chức tự kiểm tra các văn bản do đơn vị tham mưu ban hành trong năm 2022.",
		evidence: "Sổ theo dõi văn bản; giải trình của đơn vị", rec: "Tổ chức tự kiểm tra các văn bản đã tham mưu ban hành trong năm 2022."},
	"2.4.1": {partial: true, note: "Chưa ban hành kế hoạch theo dõi tình hình thi hành pháp luật năm 2022; báo cáo năm 2021 gửi chậm.",
		evidence: "Báo cáo theo dõi thi hành pháp luật năm 2021", rec: "Ban hành kế hoạch theo dõi thi hành pháp luật năm 2023 trong quý I năm 2023.", by: "31/03/2023"},
	"3.2.2": {partial: true, note: "Nơi tiếp nhận hồ sơ còn niêm yết 07 TTHC chưa cập nhật theo quyết định công bố mới của Chủ tịch UBND tỉnh.",
		evidence: "Ảnh chụp nơi niêm yết; đối chiếu Cơ sở dữ liệu quốc gia về TTHC", rec: "Cập nhật niêm yết 07 TTHC theo quyết định công bố mới."},
	"3.3.3": {partial: true, note: "Trong 20 hồ sơ chọn mẫu, 04 hồ sơ không có Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05).",
		evidence: "20 hồ sơ TTHC chọn mẫu; Sổ theo dõi hồ sơ (Mẫu 06)", rec: "Lập đầy đủ Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05) cho mọi hồ sơ."},
	"3.3.4": {partial: true, note: "Trạng thái 06 hồ sơ trên phần mềm một cửa chưa cập nhật, không khớp với hồ sơ giấy, nên bị tính trễ hạn.",
		evidence: "Đối chiếu 20 hồ sơ giấy với dữ liệu trên phần mềm một cửa", rec: "Cập nhật trạng thái hồ sơ trên phần mềm một cửa ngay khi chuyển bước xử lý."},
	"3.3.8": {note: "02/6 công chức làm việc tại nơi tiếp nhận hồ sơ chưa có quyết định cử của cấp có thẩm quyền.",
		evidence: "Danh sách công chức tại nơi tiếp nhận hồ sơ; các quyết định cử", rec: "Ban hành quyết định cử công chức làm việc tại Bộ phận Một cửa theo quy định."},
	"3.4.3": {partial: true, note: "12 hồ sơ giải quyết quá hạn, mới có 07 Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).",
		evidence: "Danh sách hồ sơ trễ hạn trích xuất từ hệ thống; 07 Phiếu xin lỗi (Mẫu 04)", rec: "Lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) cho mọi hồ sơ giải quyết quá hạn."},
	"3.4.4": {note: "03/7 Phiếu xin lỗi được gửi sau ngày hẹn trả kết quả.",
		evidence: "Mẫu 04 và Mẫu 01 của 07 hồ sơ trễ hạn", rec: "Gửi Phiếu xin lỗi cho người dân, tổ chức trước ngày hẹn trả kết quả."},
	"3.5.2": {note: "Chưa niêm yết số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị tại nơi giải quyết TTHC.",
		evidence: "Quan sát tại nơi tiếp nhận hồ sơ (ảnh chụp)", rec: "Niêm yết địa chỉ, số điện thoại đường dây nóng tại nơi giải quyết TTHC."},
	"4.1.3": {partial: true, note: "Chưa hoàn thành sắp xếp 01 đơn vị sự nghiệp trực thuộc theo đề án đã được phê duyệt.",
		evidence: "Đề án sắp xếp; báo cáo tiến độ thực hiện", rec: "Hoàn thành sắp xếp đơn vị sự nghiệp trực thuộc theo đề án trong năm 2023.", by: "31/12/2023"},
	"4.2.3": {note: "01 phòng chuyên môn có 03 cấp phó, vượt số lượng quy định.",
		evidence: "Các quyết định bổ nhiệm; danh sách lãnh đạo phòng", rec: "Sắp xếp số lượng cấp phó của phòng theo đúng quy định."},
	"4.3.2": {note: "Chưa kiểm tra, đánh giá việc thực hiện các nhiệm vụ đã ủy quyền.",
		evidence: "Các văn bản ủy quyền năm 2022; giải trình của đơn vị", rec: "Ban hành kế hoạch kiểm tra việc thực hiện các nhiệm vụ đã ủy quyền."},
	"5.1.2": {partial: true, note: "04 công chức được bố trí chưa đúng vị trí việc làm được phê duyệt.",
		evidence: "Danh sách công chức đối chiếu với Đề án vị trí việc làm", rec: "Rà soát, bố trí lại 04 công chức theo đúng vị trí việc làm được phê duyệt."},
	"5.3.1": {partial: true, note: "Kế hoạch đào tạo, bồi dưỡng năm 2022 mới thực hiện được 60% chỉ tiêu.",
		evidence: "Kế hoạch đào tạo, bồi dưỡng năm 2022; danh sách cử đi học", rec: "Hoàn thành các chỉ tiêu đào tạo, bồi dưỡng còn lại của năm 2022."},
	"5.4.3": {partial: true, note: "Kiểm tra đột xuất tại 03 phòng: 05 công chức không đeo thẻ khi làm nhiệm vụ.",
		evidence: "Biên bản kiểm tra đột xuất trong buổi kiểm tra; ảnh chụp", rec: "Chấn chỉnh việc đeo thẻ công chức khi thi hành công vụ."},
	"5.4.6": {partial: true, note: "Tự kiểm tra công vụ mới thực hiện tại 40% phòng, đơn vị trực thuộc, chưa đạt chỉ tiêu khoảng 70%.",
		evidence: "Kế hoạch tự kiểm tra công vụ năm 2022; các biên bản tự kiểm tra", rec: "Hoàn thành tự kiểm tra công vụ tại ít nhất 70% phòng, đơn vị trực thuộc."},
	"5.5.2": {note: "Cơ sở dữ liệu cán bộ, công chức chưa cập nhật 09 trường hợp nâng lương năm 2022.",
		evidence: "Dữ liệu trên phần mềm quản lý cán bộ; các quyết định nâng lương năm 2022", rec: "Cập nhật đầy đủ, kịp thời cơ sở dữ liệu cán bộ, công chức, viên chức."},
	"6.1.2": {partial: true, note: "Đến ngày kiểm tra, giải ngân vốn đầu tư công mới đạt 52% kế hoạch vốn được giao.",
		evidence: "Báo cáo giải ngân có xác nhận của Kho bạc Nhà nước", rec: "Đẩy nhanh tiến độ giải ngân, bảo đảm hoàn thành kế hoạch vốn năm 2022.", by: "31/01/2023"},
	"6.1.3": {partial: true, note: "Quy chế chi tiêu nội bộ chưa cập nhật định mức chi công tác phí theo quy định mới.",
		evidence: "Quy chế chi tiêu nội bộ; chứng từ chi chọn mẫu", rec: "Sửa đổi Quy chế chi tiêu nội bộ theo chế độ, định mức hiện hành."},
	"7.1.2": {partial: true, note: "Tỷ lệ văn bản đi được ký số và gửi dưới dạng điện tử mới đạt 78%.",
		evidence: "Thống kê văn bản đi trên phần mềm quản lý văn bản và điều hành", rec: "Nâng tỷ lệ văn bản đi được ký số, gửi dưới dạng điện tử lên trên 90%."},
	"7.2.2": {partial: true, note: "Tỷ lệ hồ sơ TTHC nộp trực tuyến đạt 31%, thấp hơn chỉ tiêu 50% của tỉnh.",
		evidence: "Trích xuất Hệ thống thông tin giải quyết TTHC đến ngày kiểm tra", rec: "Hướng dẫn, hỗ trợ người dân, doanh nghiệp nộp hồ sơ trực tuyến."},
	"7.3.1": {partial: true, note: "Chưa tổ chức đánh giá nội bộ Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2022.",
		evidence: "Văn bản công bố Hệ thống quản lý chất lượng; giải trình của đơn vị", rec: "Tổ chức đánh giá nội bộ Hệ thống quản lý chất lượng trong năm."},
	"7.5.1": {partial: true, note: "Trang thông tin điện tử chưa đăng kế hoạch, báo cáo CCHC năm 2022.",
		evidence: "Trang thông tin điện tử của đơn vị (ảnh chụp màn hình ngày kiểm tra)", rec: "Đăng đầy đủ kế hoạch, báo cáo CCHC lên trang thông tin điện tử."},
	"8.1.2": {partial: true, note: "Tỷ lệ người dân, tổ chức hài lòng theo khảo sát năm 2022 đạt 86%.",
		evidence: "Kết quả khảo sát SIPAS năm 2022", rec: "Tiếp tục nâng cao chất lượng phục vụ tại nơi tiếp nhận hồ sơ."},
	"8.2.1": {partial: true, note: "Chưa có kế hoạch khắc phục các chỉ số thành phần SIPAS năm 2021 bị điểm thấp.",
		evidence: "Kết quả SIPAS năm 2021; giải trình của đơn vị", rec: "Ban hành kế hoạch khắc phục các chỉ số thành phần SIPAS bị điểm thấp."},
}

// demoNotApplicable are the items the demo may mark không áp dụng, with
// the reason the inspector writes.
var demoNotApplicable = map[string]struct{ note, onlyFor string }{
	"2.3.2": {note: "Trong năm không phát hiện văn bản trái pháp luật."},
	"5.4.5": {note: "Trong năm không có trường hợp vi phạm kỷ luật, kỷ cương hành chính."},
	"6.3.1": {note: "Đơn vị không có đơn vị sự nghiệp công lập trực thuộc.", onlyFor: "so-ban-nganh"},
	"8.3.2": {note: "Lĩnh vực đơn vị phụ trách không có chỉ số thành phần PCI.", onlyFor: "so-ban-nganh"},
}

// demoSeen is what the inspector saw for items found đạt: the unit's own
// documents (%s is the unit's abbreviation in document numbers).
var demoSeen = map[string]string{
	"1.1.1": "Quyết định số 35/QĐ-%s ngày 10/01/2022 ban hành Kế hoạch CCHC năm 2022",
	"1.1.2": "Kế hoạch CCHC năm 2022; dự toán kinh phí CCHC năm 2022",
	"1.2.1": "Báo cáo CCHC quý I, 6 tháng và quý III năm 2022",
	"1.4.1": "Kế hoạch tuyên truyền CCHC năm 2022; tin bài trên trang thông tin điện tử",
	"2.1.1": "Danh mục văn bản được giao soạn thảo năm 2022; các tờ trình kèm dự thảo",
	"2.2.1": "Báo cáo kết quả rà soát, hệ thống hóa văn bản năm 2022",
	"3.1.1": "Kế hoạch rà soát, đánh giá TTHC năm 2022",
	"3.2.1": "Quyết định công bố TTHC; trang công khai trên Cổng Dịch vụ công của tỉnh",
	"3.3.2": "20 hồ sơ TTHC chọn mẫu (Mẫu 01, 02, 03)",
	"3.4.1": "Báo cáo trích xuất Hệ thống thông tin giải quyết TTHC đến ngày kiểm tra",
	"4.1.1": "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức",
	"4.2.1": "Quyết định giao biên chế năm 2022; danh sách trả lương tháng 9/2022",
	"5.1.1": "Quyết định phê duyệt Đề án vị trí việc làm",
	"5.2.2": "Quyết định xếp loại chất lượng cán bộ, công chức, viên chức năm 2021",
	"5.4.1": "Quy chế làm việc; Quy chế văn hóa công sở; Quy tắc ứng xử",
	"6.1.1": "Quyết định giao dự toán năm 2022; văn bản công khai quyết toán năm 2021",
	"6.2.1": "Quy chế quản lý, sử dụng tài sản công; sổ theo dõi tài sản",
	"6.4.1": "Kết luận thanh tra năm 2021; báo cáo thực hiện kiến nghị",
	"7.1.1": "Thống kê từ phần mềm quản lý văn bản và điều hành",
	"7.2.1": "Danh mục dịch vụ công trực tuyến trên Cổng Dịch vụ công",
	"7.4.1": "Quyết định phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin",
	"8.1.1": "Kế hoạch khảo sát sự hài lòng năm 2022; kết quả khảo sát",
}

// demoPassNotes are what inspectors noted for some items found đạt.
var demoPassNotes = map[string]string{
	"1.1.1": "Kế hoạch CCHC năm 2022 ban hành đúng thời hạn, có phụ lục phân công nhiệm vụ cho từng phòng.",
	"3.4.1": "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt 98,6%.",
	"7.1.1": "100% văn bản đến, văn bản đi (trừ văn bản mật) được xử lý trên phần mềm.",
}

// demoStrengths are the team's strengths for the units finalized in the
// demo, and the unit's comments.
var demoStrengths = map[string]struct{ strengths, comments string }{
	"STP": {
		strengths: "Lãnh đạo Sở quan tâm chỉ đạo công tác CCHC; kế hoạch ban hành đúng thời hạn, phân công rõ phòng chủ trì.\n" +
			"Tỷ lệ hồ sơ TTHC giải quyết đúng hạn cao; nơi tiếp nhận hồ sơ bố trí khoa học.",
		comments: "Sở Tư pháp thống nhất với kết quả kiểm tra; các tồn tại về niêm yết TTHC và Phiếu xin lỗi do thay đổi nhân sự tại bộ phận tiếp nhận, Sở sẽ khắc phục trong tháng 11 năm 2022.",
	},
	"BINHGIANG": {
		strengths: "UBND huyện ban hành đầy đủ kế hoạch CCHC, tuyên truyền, kiểm tra; chỉ đạo quyết liệt việc số hóa hồ sơ tại Bộ phận Một cửa.\n" +
			"100% văn bản đi được ký số; các phòng chuyên môn phối hợp tốt trong giải quyết TTHC liên thông.",
		comments: "UBND huyện thống nhất với kết quả kiểm tra và giao Phòng Nội vụ đôn đốc khắc phục các tồn tại trước ngày 30/11/2022.",
	},
}
