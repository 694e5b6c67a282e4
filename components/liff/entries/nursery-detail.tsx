// /liff/nursery/<id> — a facility's details (hours, services, vacancies, phone). The route handler has
// checked that the id is a number.
import { mountLiffPage } from "@/components/liff/mount";
import { LiffNurseryDetail } from "@/components/nursery/liff-nursery-detail";

const id = Number(/\/liff\/nursery\/(\d+)/.exec(window.location.pathname)?.[1] ?? "0");
mountLiffPage(<LiffNurseryDetail id={id} />);
