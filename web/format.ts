/** vi-VN formatting, pinned to Vietnam's time zone so server and browser render the same text. */
const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateFormat = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: TIME_ZONE });
const timeFormat = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: TIME_ZONE });
const numberFormat = new Intl.NumberFormat("vi-VN");

/** "30/11/2021" */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

/** "30/11/2021 08:05" */
export const formatDateTime = (iso: string) => `${formatDate(iso)} ${timeFormat.format(new Date(iso))}`;

/** "1.486.580" */
export const formatNumber = (value: number) => numberFormat.format(value);
