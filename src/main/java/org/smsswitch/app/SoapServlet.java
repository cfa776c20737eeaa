package org.smsswitch.app;

import jakarta.servlet.ServletConfig;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.staxutils.StaxUtils;
import org.smsswitch.api.ClientFaultCodes;
import org.smsswitch.optin.OptInService;
import org.smsswitch.send.BulkSendService;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/** CXF without Spring: publishes the client and admin endpoints of the running switch under /services. */
public final class SoapServlet extends CXFNonSpringServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CHILD_ELEMENTS =
            Math.max(BulkSendService.MAX_NUMBERS, OptInService.MAX_NUMBERS) + 1_000;

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        if (!(servletConfig.getServletContext().getAttribute(SwitchListener.SWITCH) instanceof SmsSwitch smsSwitch)) {
            throw new IllegalStateException("The switch is not running; see the start-up log");
        }
        publish("/sms", smsSwitch.smsEndpoint(), smsSwitch);
        publish("/admin", smsSwitch.adminEndpoint(), smsSwitch);
    }

    private void publish(String path, Object implementor, SmsSwitch smsSwitch) {
        EndpointImpl endpoint = new EndpointImpl(getBus(), implementor);
        endpoint.getInInterceptors().add(smsSwitch.security());
        endpoint.getOutFaultInterceptors().add(new ClientFaultCodes());
        // Say which security problem it was (no token, failed authentication); both unknown users and
        // wrong passwords are "failed authentication", so this tells a prober nothing about accounts.
        endpoint.setProperties(java.util.Map.of(SecurityConstants.RETURN_SECURITY_ERROR, Boolean.TRUE,
                // CXF refuses more than 50,000 children of one element; a SendList or OptIn carries up
                // to 100,000 numbers. A list up to 1,000 past that gets the switch's own fault, naming
                // the limit; a longer one, CXF's refusal to read it.
                StaxUtils.MAX_CHILD_ELEMENTS, MAX_CHILD_ELEMENTS));
        endpoint.publish(path);
    }
}
