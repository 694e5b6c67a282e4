// Residents' reminder subscriptions (「前日20時に通知」 per category); sending is lib/garbage/reminders.ts.
import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function listReminders(db: DbTx, residentId: string) {
  return db.garbageReminder.findMany({ where: { residentId }, select: { id: true, categoryId: true, areaId: true } });
}

/** Turns a category's reminder on or off for a resident in an area. */
export async function setReminder(db: DbTx, options: { residentId: string; areaId: number; categoryId: number; enabled: boolean }): Promise<void> {
  if (!options.enabled) {
    await db.garbageReminder.deleteMany({ where: { residentId: options.residentId, categoryId: options.categoryId } });
    return;
  }
  const [area, category] = await Promise.all([
    db.garbageArea.findUnique({ where: { id: options.areaId }, select: { dictionaryId: true } }),
    db.garbageCategory.findUnique({ where: { id: options.categoryId }, select: { dictionaryId: true } }),
  ]);
  if (!area || !category || area.dictionaryId !== category.dictionaryId) {
    throw new AppError("INVALID_INPUT", { userMessage: "地区と分別区分を選び直してください。" });
  }
  await db.garbageReminder.upsert({
    where: { residentId_categoryId: { residentId: options.residentId, categoryId: options.categoryId } },
    create: { residentId: options.residentId, areaId: options.areaId, categoryId: options.categoryId },
    update: { areaId: options.areaId },
  });
}

/** Moves a resident's reminders to another area (they changed their area). */
export async function moveReminders(db: DbTx, options: { residentId: string; areaId: number }): Promise<void> {
  await db.garbageReminder.updateMany({ where: { residentId: options.residentId }, data: { areaId: options.areaId } });
}
