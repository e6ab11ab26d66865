import { createContext, useContext } from "react";

// The server renders with this request's CSP nonce; in the browser it is unused.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
