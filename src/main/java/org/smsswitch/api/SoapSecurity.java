package org.smsswitch.api;

import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
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
        return new WSS4JInInterceptor(properties);
    }
}
