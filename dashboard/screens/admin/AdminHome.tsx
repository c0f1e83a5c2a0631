/** The administration screens' start page: what each one is for. */
import { For } from "solid-js";
import { Link } from "../../router";
import { ADMIN_PAGES, AdminHead } from "./common";

const WHAT: Record<string, string> = {
  "Tài khoản": "Thêm người dùng, giao vai trò và chuyên mục, khóa tài khoản, đặt lại mật khẩu.",
  "Chuyên mục": "Thêm, đổi tên, sắp xếp và lồng chuyên mục; cho phép ban biên tập tự duyệt.",
  "Cấu hình cổng": "Tên cổng, địa chỉ, liên hệ và các dòng pháp lý ở chân trang.",
  "Đơn vị có lịch công tác": "Các cơ quan đăng lịch công tác hằng tuần và chuyên mục duyệt lịch.",
  "Loại văn bản": "Danh sách loại văn bản dùng khi đăng văn bản.",
  "Ảnh liên kết": "Các ảnh liên kết ở cột bên của mọi trang.",
  "Nhật ký": "Ai đã làm gì, khi nào: theo ngày hoặc theo từng mục.",
};

export default function AdminHome() {
  return (
    <>
      <AdminHead title="Quản trị hệ thống" />
      <ul class="admin-home">
        <For each={ADMIN_PAGES}>
          {(page) => (
            <li>
              <Link href={page.href}>{page.label}</Link>
              <p class="field__hint">{WHAT[page.label]}</p>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}
