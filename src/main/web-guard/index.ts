// The guards in front of any HTTP server of ours on loopback (the web host today, a local API gateway
// tomorrow): who may call, how connections are timed and capped, and how much of a body is read.
export { bearerToken, checkAccess, checkPlace, protocolToken, type Verdict } from './access'
export { answerAndClose, sendJson } from './answers'
export { BodyBudget, BodyError, type BodyLimits, type BodyProblem, exceedsDepth, readJsonBody } from './body'
export { ConnectionGuard, type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connections'
