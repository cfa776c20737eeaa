package org.smsswitch.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.dom.WSConstants;
import org.smsswitch.account.AccountService;

/** The WS-Security interceptor every endpoint carries: a UsernameToken checked against accounts. */
public final class SoapSecurity {
    private SoapSecurity() {
    }

    public static WSS4JInInterceptor usernameTokenInterceptor(AccountService accounts) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        properties.put(ConfigurationConstants.PASSWORD_TYPE, WSConstants.PW_TEXT);
        Map<QName, Object> validators = new HashMap<>();
        validators.put(WSConstants.USERNAME_TOKEN, new AccountTokenValidator(accounts));
        properties.put(WSS4JInInterceptor.VALIDATOR_MAP, validators);
        return new UsernameTokenRequired(properties);
    }

    /**
     * Requires a UsernameToken and allows what clients commonly add beside it (a wsu:Timestamp, which
     * WSS4J still checks for expiry), instead of refusing any header that is not exactly the token.
     */
    static final class UsernameTokenRequired extends WSS4JInInterceptor {
        UsernameTokenRequired(Map<String, Object> properties) {
            super(properties);
        }

        @Override
        protected void checkActions(SoapMessage message, List<WSSecurityEngineResult> results, List<Integer> actions)
                throws WSSecurityException {
            boolean token = results.stream()
                    .anyMatch(r -> Integer.valueOf(WSConstants.UT).equals(r.get(WSSecurityEngineResult.TAG_ACTION)));
            if (!token) {
                throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY);
            }
        }
    }
}
