package org.smsswitch.api;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;

/**
 * A refusal caused by the request (invalid, not found, not allowed, not available) is the client's
 * fault: its SOAP faultcode says Client, so a caller knows that retrying the same request will not
 * help. ServiceUnavailable and unexpected errors stay Server faults.
 */
public final class ClientFaultCodes extends AbstractSoapInterceptor {
    public ClientFaultCodes() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (message.getContent(Exception.class) instanceof Fault fault && isClientsFault(fault.getCause())) {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        }
    }

    private static boolean isClientsFault(Throwable cause) {
        return cause instanceof org.smsswitch.api.ws.InvalidRequestFault
                || cause instanceof org.smsswitch.api.ws.NotFoundFault
                || cause instanceof org.smsswitch.api.ws.AccessDeniedFault
                || cause instanceof org.smsswitch.api.ws.NotImplementedFault
                || cause instanceof org.smsswitch.api.admin.ws.InvalidRequestFault
                || cause instanceof org.smsswitch.api.admin.ws.AccessDeniedFault;
    }
}
