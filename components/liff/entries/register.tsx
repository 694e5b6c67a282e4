// /liff/register — residents register (or change, or delete) what they want to receive.
import { mountLiffPage } from "@/components/liff/mount";
import { RegistrationForm } from "@/components/liff/registration-form";

mountLiffPage(<RegistrationForm />);
