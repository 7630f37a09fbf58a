// English words of every error and notice the main process sends, by code. The main process logs and
// stores this English; the page words the code in the person's language (zh-CN.ts beside this).
// `{{name}}` is a parameter; `{{name, number}}` is a number written the language's way.
export const errorWords = {
  /** Words made elsewhere and passed on as they are (a provider's own text, a validation message). */
  plain: '{{text}}',
  durationMs: '{{n}} ms',
  durationS: '{{n}} s',
  durationMin: '{{n}} min',
  durationH: '{{n}} h',
  internal: 'Something went wrong inside Roundtable. The details are in its log.',
  // Chats and messages
  chatGone: 'That chat no longer exists.',
  providerGone: 'That provider no longer exists.',
  messageGone: 'That message no longer exists.',
  answerGone: 'That answer no longer exists.',
  summaryGone: 'That summary no longer exists.',
  undoGone: 'That delete can no longer be undone.',
  routingProfileGone: 'That routing profile was removed. Pick another in the model picker.',
  stillAnsweringDelete: 'An answer there is still coming. Stop it before deleting.',
  keepBeforeSending:
    'Keep one of the answers above, or choose Continue separately, before sending the next message.',
  mergeWait: 'Wait until the answers to merge have finished.',
  mergeTooLong:
    'These {{count}} answers and the question come to about {{tokens, number}} tokens; {{model}} holds {{window, number}}. Merge fewer answers, or pick a model with a larger window.',
  compareTooMany: 'Compare at most {{most}} models at once.',
  answerAboveComing: 'The answer above is still coming. Wait for it or stop it first.',
  answerHereComing: 'An answer is still coming in this part of the chat. Wait for it or stop it first.',
  closing: 'Roundtable is closing.',
  closedMidAnswer: 'Roundtable closed before this answer finished.',
  storageStopped: 'Roundtable stopped this answer because {{cause}}. All the text shown here is saved.',
  notSavedStopped:
    'Roundtable stopped this answer because {{cause}}. The last {{chars, number}} characters shown are not saved yet: they are kept in memory and saved as soon as the disk allows, and would be lost if Roundtable closed before then.',
  notSavedEnd:
    'Roundtable could not save the end of this answer because {{cause}}. The last {{chars, number}} characters shown are not saved yet: they are kept in memory and saved as soon as the disk allows, and would be lost if Roundtable closed before then.',
  causeFull: 'the disk is full',
  causeReadOnly: 'the data file can no longer be written',
  causeDamaged: 'the data file is damaged',
  causeIo: 'the disk reported an error',
  causeOther: 'the data file could not be written',
  unexpectedFailure: 'The answer failed for a reason Roundtable did not expect. The details are in its log.',
  // Choosing the model
  noProvider:
    'No provider is set up. Open Settings to add one, or start Roundtable with OPENAI_API_KEY (or another provider key) in the environment.',
  wantedProviderGone: 'The provider of {{model}} was removed. Ask another model.',
  wantedProviderOff: '{{provider}} is turned off in Settings. Turn it on or ask another model.',
  chatProviderGone: 'The provider this chat used was removed. Pick another model below.',
  chatProviderOff: '{{provider}} is turned off in Settings. Turn it on or pick another model.',
  modelsListSlow: '{{provider}} did not list its models within {{seconds}} s.',
  noModels: '{{provider}} lists no models. Add one in Settings or pick another provider.',
  // Providers' failures
  providerTimeout: '{{provider}} did not answer in time.',
  providerUnreachable: 'Could not reach {{provider}} at {{baseURL}} ({{cause}}).',
  providerAuth: '{{provider}} rejected the API key (401). Check the key in Settings and try again.',
  providerForbidden: '{{provider}} refused access (403){{detail}}',
  modelNotFound: 'The model "{{model}}" was not found at {{provider}} (404){{detail}}',
  baseUrlWrong:
    '{{provider}} answered 404 at {{baseURL}}: the base URL looks wrong (many servers want it to end in /v1). Check it in Settings.',
  providerQuota:
    "{{provider}} says the account's quota or billing limit is reached (429{{code}}). Check the plan and billing with {{provider}}; trying again will not help until then.",
  rateLimited: '{{provider}} is rate limiting requests (429).{{when}}',
  tryAgainShortly: ' Try again shortly.',
  tryAgainIn: ' Try again in {{seconds}} s.',
  askedToWait: '{{reason}} It asks to wait {{wait}}, until about {{time}}, before trying again.',
  providerBusy: '{{provider}} could not take the request just now ({{status}}){{detail}}',
  providerProblem: '{{provider}} had a problem ({{status}}{{overloaded}}){{detail}}',
  overloaded: ' (overloaded)',
  providerErrorMidAnswer: '{{provider}} reported an error mid-answer{{overloaded}}{{detail}}',
  providerRefused: '{{provider}} refused the request ({{status}}){{detail}}',
  providerMalformed: '{{provider}} sent a reply Roundtable could not read.',
  providerFailed: 'The request to {{provider}} failed ({{reason}}).',
  providerNotReached: '{{provider}} could not be reached.',
  stopped: 'The request was stopped.',
  streamCutShort: 'The connection to {{provider}} closed before the answer finished.',
  keySavedElsewhere:
    'The key saved for {{provider}} was saved for {{savedFor}}, and Roundtable only sends a key to the server it was saved for. Enter the key again in Settings to use it with {{server}}.',
  paused: '{{model}} is paused after repeated failures. Trying again in {{wait}}.',
  pausedProbing: '{{model}} is paused after repeated failures; a test request is running now.',
  queueFull: '{{count}} requests are already waiting for {{provider}}. Try again when some have finished.',
  connectTimeout: '{{provider}} did not answer within {{wait}}.',
  firstTokenTimeout: '{{provider}} sent no first token within {{wait}}.',
  idleTimeout: '{{provider}} went silent for {{wait}} mid-answer.',
  totalTimeout: 'The answer took longer than the {{wait}} limit.',
  tooLong:
    'This message is too long for {{model}}: with the instructions it comes to about {{tokens, number}} tokens, and the model holds {{window, number}} with {{answerRoom, number}} kept for the answer. Shorten it, or pick a model with a larger window.',
  // The data file
  diskFull:
    'The disk is full, so Roundtable could not save this. Free some space on the disk, then try again.',
  dataReadOnly: 'Roundtable’s data file can no longer be written (the disk or folder became read-only).',
  dataDamaged:
    'Part of Roundtable’s data file is damaged, so this could not be read or saved. Restart Roundtable to check and recover the file.',
  diskError: 'The disk reported an error while Roundtable was reading or saving its data.',
  nothingToRecover: 'The data file shows no damage, so there is nothing to recover.',
  recoverNothingRead:
    'Roundtable could not read anything out of the damaged data file, so it left the file as it was.',
  recoverFailed: '{{reason}} The damaged file was left as it was.',
  recoverFailedPlain: 'Recovering the data file failed. The damaged file was left as it was.',
  reopenFailed: 'Roundtable could not reopen its data file ({{reason}}). Restart Roundtable.',
  // Notices at start
  recovered:
    'Roundtable recovered {{chats}} and {{messages}} into a new data file{{lost}}. The damaged file was kept at {{file}}.',
  chatsOne: '1 chat',
  chatsMany: '{{n, number}} chats',
  messagesOne: '1 message',
  messagesMany: '{{n, number}} messages',
  recoveredLost: '; some damaged parts could not be read',
  startedNewFile:
    'The data file could not be read, so Roundtable started a new one. The old file was kept at {{file}}.',
  interruptedOne: 'One answer was cut off when Roundtable last closed; what arrived was kept.',
  interruptedMany: '{{count}} answers were cut off when Roundtable last closed; what arrived was kept.',
  pagesDamaged:
    'Part of the data file is damaged. Roundtable opened what it could; Recover data copies everything that can still be read into a new file and keeps the damaged one beside it.',
  keysEncrypted:
    "No keychain could be reached ({{reason}}), so API keys are encrypted with Electron's safe storage and kept in Roundtable's data file.",
  keysInMemory:
    'No keychain could be reached ({{reason}}) and keys cannot be encrypted on disk ({{refusal}}), so API keys you enter are kept only until Roundtable closes.',
  // Providers in Settings
  baseUrlEmpty: 'Enter the base URL, e.g. https://api.example.com/v1.',
  baseUrlNotUrl: 'That is not a URL. It should look like https://api.example.com/v1.',
  baseUrlScheme: 'The base URL must start with https:// or http://, not {{scheme}}//.',
  baseUrlNoHost: 'The base URL needs a host name.',
  baseUrlHasKey: 'Put the key in the API key field, not in the URL: URLs are stored unencrypted.',
  baseUrlQuery: 'The base URL cannot have a query (?…) or fragment (#…).',
  baseUrlPlainHttp:
    'This address uses http:// to another machine: the API key and your messages would travel unencrypted.',
  headerNameBad: '"{{name}}" is not a valid header name.',
  headerSecret: '{{name}} would be stored unencrypted: put the key in the API key field instead.',
  headerLineBreak: 'The value of {{name}} cannot contain line breaks.',
  providerNameEmpty: 'Give the provider a name.',
  providerNameLong: 'A provider name can be at most 80 characters.',
  notProviderExport: 'That file is not a Roundtable provider export.',
  providerFromEnvironment:
    '{{provider}} comes from environment variables. Change them, or add the provider in Settings.',
  providerNameTaken: 'There is already a provider called "{{name}}". Pick another name.',
  azureNeedsDeployment: 'Azure needs the deployment name.',
  // Search notes
  searchInNote: 'in: takes "title" (in:title searches chat titles only); "{{value}}" was ignored.',
  searchRoleNote: 'role: takes user or assistant; "{{value}}" was ignored.',
  searchDateNote: '{{name}}: takes a date such as 2025-01-31; "{{value}}" was ignored.',
  searchTermsNote: 'Only the first {{most}} words are searched for.',
  // Import
  importClash: '“{{title}}” was left out: its messages are already in another chat.',
  importDangling: '“{{title}}”: {{messages}} left out: the message they answer is missing from the file.',
  importLooped: '“{{title}}”: {{messages}} left out: their replies form a loop.',
  importBusyArriving: 'Another import is still arriving.',
  importOutOfOrder: 'A piece of the file arrived out of order; import it again.',
  importTooMuch: 'More of the file arrived than its size; import it again.',
  importNotWhole: 'The file did not arrive whole; import it again.',
  importBusy: 'Another import is running; wait for it to finish.',
  importGone: 'That import is no longer open; import the file again.',
  importEmpty: 'The file is empty: nothing to import.',
  importTooBig: 'The file is {{size}}; Import chats takes files up to {{most}}. Nothing was imported.',
  importRefused: 'The file was not imported: {{reason}}. Nothing was added.',
} as const

export type ErrorWords = typeof errorWords
