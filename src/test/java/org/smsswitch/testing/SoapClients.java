package org.smsswitch.testing;

import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.WSConstants;
import org.smsswitch.api.admin.ws.AdminPortType;
import org.smsswitch.api.ws.SmsPortType;

/** Clients generated from the WSDL, calling a running switch with a UsernameToken. */
public final class SoapClients {
    private SoapClients() {
    }

    public static SmsPortType sms(String baseUrl, String username, String password) {
        return client(SmsPortType.class, baseUrl + "/services/sms", username, password);
    }

    public static AdminPortType admin(String baseUrl, String username, String password) {
        return client(AdminPortType.class, baseUrl + "/services/admin", username, password);
    }

    /** A client that sends no security header at all. */
    public static SmsPortType smsWithoutToken(String baseUrl) {
        return client(SmsPortType.class, baseUrl + "/services/sms", null, null);
    }

    private static <T> T client(Class<T> type, String address, String username, String password) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        if (username != null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
            props.put(ConfigurationConstants.USER, username);
            props.put(ConfigurationConstants.PASSWORD_TYPE, WSConstants.PW_TEXT);
            props.put(ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
                for (var callback : callbacks) {
                    ((WSPasswordCallback) callback).setPassword(password);
                }
            });
            factory.getOutInterceptors().add(new WSS4JOutInterceptor(props));
        }
        T client = type.cast(factory.create());
        // A SendList answer carries one result per number, up to 100,000: past CXF's default limit.
        org.apache.cxf.frontend.ClientProxy.getClient(client).getEndpoint()
                .put(org.apache.cxf.staxutils.StaxUtils.MAX_CHILD_ELEMENTS, 200_000);
        return client;
    }
}
