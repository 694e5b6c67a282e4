// Every feature that plugs into the chat (lib/webhook/registry.ts), loaded by the code that handles
// webhook events. A feature adds one import line here for its module that registers intents,
// postback actions, location handlers or conversation steps.
import "@/lib/webhook/builtin-chat";
import "@/lib/garbage/chat";
import "@/lib/nursery/chat";
