// How the page proves it is the page the web host printed an address for. The token never travels in
// a cookie (browsers send cookies to every port of 127.0.0.1): calls carry it in an Authorization
// header and the event socket in its subprotocol list, both of which a browser only sends to the
// origin that set them up.

/** The subprotocol the web host answers with; the page offers it next to the token. */
export const EVENTS_PROTOCOL = 'roundtable.events'
/** Offered as `roundtable.token.<token>`: the token is base64url, which is valid in a subprotocol name. */
export const TOKEN_PROTOCOL_PREFIX = 'roundtable.token.'
/** Where the page keeps the token for this tab (per origin, so per port). */
export const TOKEN_STORAGE_KEY = 'roundtable.token'
