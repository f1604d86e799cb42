// The viewer's IANA time zone ("Europe/Berlin"), for ViewerTimeZone (Extensions/ViewerTimeZone.cs).
export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}
