// Which permission each staff page, route handler and server action needs. The pages and actions
// check it themselves with requireStaff(); this table is the specification the navigation is built
// from and that the permission-matrix e2e test (e2e/auth/permission-matrix.spec.ts) holds the
// running app to — a page or action that forgets its check, or is missing here, fails that test.
import type { Permission } from "@/lib/auth/permissions";

export type StaffPage = {
  /** App Router path; dynamic segments in brackets. */
  path: string;
  permission: Permission;
  /** Shown in the main navigation with this label. */
  nav?: string;
  kind?: "page" | "route";
};

export const STAFF_PAGES: StaffPage[] = [
  { path: "/staff", permission: "dashboard.view", nav: "ダッシュボード" },
  { path: "/staff/broadcasts", permission: "broadcasts.view", nav: "配信" },
  { path: "/staff/segments", permission: "segments.view", nav: "セグメント" },
  { path: "/staff/applications", permission: "applications.review", nav: "申請" },
  { path: "/staff/inbox", permission: "inbox.reply", nav: "受信箱" },
  { path: "/staff/residents", permission: "residents.view-personal", nav: "住民" },
  { path: "/staff/content", permission: "content.view", nav: "コンテンツ" },
  { path: "/staff/settings", permission: "account.self", nav: "設定" },
  { path: "/staff/settings/password", permission: "account.self" },
  { path: "/staff/settings/staff", permission: "staff.manage" },
  { path: "/staff/settings/staff/new", permission: "staff.manage" },
  { path: "/staff/settings/staff/[id]", permission: "staff.manage" },
  { path: "/staff/audit", permission: "audit.view", nav: "監査ログ" },
  { path: "/staff/audit/export", permission: "audit.view", kind: "route" },
  // The chat: 相談窓口 and content (auto-replies, Flex templates, rich menus).
  { path: "/staff/inbox/templates", permission: "inbox.reply" },
  { path: "/staff/inbox/updates", permission: "inbox.reply", kind: "route" },
  { path: "/staff/inbox/attachments", permission: "inbox.reply", kind: "route" },
  { path: "/staff/content/auto-replies", permission: "content.view" },
  { path: "/staff/content/auto-replies/new", permission: "content.edit" },
  { path: "/staff/content/auto-replies/edit", permission: "content.edit" },
  { path: "/staff/content/flex-templates", permission: "content.view" },
  { path: "/staff/content/flex-templates/new", permission: "content.edit" },
  { path: "/staff/content/flex-templates/edit", permission: "content.view" },
  { path: "/staff/content/rich-menus", permission: "content.view" },
  { path: "/staff/content/rich-menus/new", permission: "content.edit" },
  { path: "/staff/content/rich-menus/edit", permission: "content.view" },
  // Garbage sorting and nurseries (app/staff/(console)/content/garbage, …/nurseries).
  { path: "/staff/content/garbage", permission: "content.view" },
  { path: "/staff/content/garbage/items", permission: "content.view" },
  { path: "/staff/content/garbage/items/new", permission: "content.edit" },
  { path: "/staff/content/garbage/items/edit", permission: "content.edit" },
  { path: "/staff/content/garbage/categories", permission: "content.view" },
  { path: "/staff/content/garbage/areas", permission: "content.view" },
  { path: "/staff/content/garbage/areas/edit", permission: "content.edit" },
  { path: "/staff/content/garbage/suspensions", permission: "content.view" },
  { path: "/staff/content/garbage/synonyms", permission: "content.view" },
  { path: "/staff/content/garbage/unanswered", permission: "content.view" },
  { path: "/staff/content/garbage/import", permission: "content.edit" },
  { path: "/staff/content/garbage/export", permission: "content.view", kind: "route" },
  { path: "/staff/content/nurseries", permission: "content.view" },
  { path: "/staff/content/nurseries/new", permission: "content.edit" },
  { path: "/staff/content/nurseries/edit", permission: "content.edit" },
  { path: "/staff/content/nurseries/vacancies", permission: "content.view" },
  { path: "/staff/content/nurseries/import", permission: "content.edit" },
  // Segmented broadcasts (app/staff/(console)/broadcasts, …/segments).
  { path: "/staff/broadcasts/new", permission: "broadcasts.draft" },
  { path: "/staff/broadcasts/[id]", permission: "broadcasts.view" },
  { path: "/staff/broadcasts/[id]/edit", permission: "broadcasts.draft" },
  { path: "/staff/broadcasts/testers", permission: "broadcasts.draft" },
  { path: "/staff/broadcasts/progress", permission: "broadcasts.view", kind: "route" },
  { path: "/staff/broadcasts/images", permission: "broadcasts.draft", kind: "route" },
  { path: "/staff/broadcasts/failed-recipients", permission: "residents.view-personal", kind: "route" },
  { path: "/staff/segments/new", permission: "segments.edit" },
  { path: "/staff/segments/[id]", permission: "segments.view" },
  { path: "/staff/segments/count", permission: "segments.view", kind: "route" },
];

/** Pages anyone may open (the login page). */
export const PUBLIC_STAFF_PAGES = ["/staff/login"];

/**
 * Server actions by exported name. "signed-in" = any valid session (signing out must always work,
 * and must not require a permission that could be missing).
 */
export const STAFF_ACTIONS: Record<string, Permission | "signed-in"> = {
  signOutAction: "signed-in",
  changeOwnPasswordAction: "account.self",
  createStaffAction: "staff.manage",
  updateStaffAction: "staff.manage",
  setStaffActiveAction: "staff.manage",
  resetStaffPasswordAction: "staff.manage",
  // Segmented broadcasts (app/staff/(console)/broadcasts/actions.ts, …/segments/actions.ts).
  saveBroadcastDraftAction: "broadcasts.draft",
  submitBroadcastAction: "broadcasts.draft",
  duplicateBroadcastAction: "broadcasts.draft",
  testSendBroadcastAction: "broadcasts.draft",
  approveBroadcastAction: "broadcasts.approve",
  returnBroadcastAction: "broadcasts.approve",
  sendEmergencyBroadcastAction: "broadcasts.send-emergency",
  cancelBroadcastAction: "broadcasts.cancel",
  issueTesterCodeAction: "broadcasts.draft",
  unlinkTesterAction: "broadcasts.draft",
  saveSegmentAction: "segments.edit",
  archiveSegmentAction: "segments.edit",
  // The chat (app/staff/(console)/inbox/actions.ts, app/staff/(console)/content/actions.ts).
  sendInboxReplyAction: "inbox.reply",
  assignConversationAction: "inbox.reply",
  setConversationStatusAction: "inbox.reply",
  addInboxNoteAction: "inbox.reply",
  viewResidentAttributesAction: "residents.view-personal",
  saveReplyTemplateAction: "inbox.reply",
  deleteReplyTemplateAction: "inbox.reply",
  saveAutoReplyRuleAction: "content.edit",
  deleteAutoReplyRuleAction: "content.edit",
  saveFlexTemplateAction: "content.edit",
  deleteFlexTemplateAction: "content.edit",
  saveRichMenuAction: "content.edit",
  publishRichMenuAction: "content.edit",
  setDefaultRichMenuAction: "content.edit",
  retireRichMenuAction: "content.edit",
  deleteRichMenuAction: "content.edit",
  switchDisasterModeAction: "broadcasts.send-emergency",
  // Garbage sorting and nurseries (app/staff/(console)/content/garbage/actions.ts, …/nurseries/actions.ts).
  saveGarbageItemAction: "content.edit",
  deleteGarbageItemAction: "content.edit",
  saveGarbageCategoryAction: "content.edit",
  deleteGarbageCategoryAction: "content.edit",
  createGarbageAreaAction: "content.edit",
  saveGarbageAreaAction: "content.edit",
  deleteGarbageAreaAction: "content.edit",
  createGarbageSuspensionAction: "content.edit",
  deleteGarbageSuspensionAction: "content.edit",
  createGarbageSynonymAction: "content.edit",
  deleteGarbageSynonymAction: "content.edit",
  resolveUnansweredAction: "content.edit",
  dismissUnansweredAction: "content.edit",
  importGarbageAction: "content.edit",
  activateGarbageDictionaryAction: "content.edit",
  saveNurseryFacilityAction: "content.edit",
  deleteNurseryFacilityAction: "content.edit",
  updateNurseryVacanciesAction: "content.edit",
  importNurseriesAction: "content.edit",
};

export const STAFF_NAV = STAFF_PAGES.filter((page): page is StaffPage & { nav: string } => Boolean(page.nav));
