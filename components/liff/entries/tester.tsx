// /liff/tester?code=… — a staff member links their own LINE account to receive test sends.
import { mountLiffPage } from "@/components/liff/mount";
import { TesterLink } from "@/components/liff/tester-link";

mountLiffPage(<TesterLink />);
