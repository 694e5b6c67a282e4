// /liff/nursery/[id] — a facility's details (hours, services, vacancies, phone).
import { LiffNurseryDetail } from "@/components/nursery/liff-nursery-detail";

export const metadata = { title: "保育施設の詳細" };

export default async function LiffNurseryDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LiffNurseryDetail id={Number(id)} />;
}
