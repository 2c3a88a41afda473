package io.uatr.collab.net;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** The one gRPC method every party serves: a unary call from a {@link Msg} to a {@link Msg}. */
public final class Wire {

  /** Fully qualified gRPC service name. */
  public static final String SERVICE = "uatr.collab.Party";

  /** The unary method {@code uatr.collab.Party/Call}. */
  public static final MethodDescriptor<Msg, Msg> CALL =
      MethodDescriptor.<Msg, Msg>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Call"))
          .setRequestMarshaller(new MsgMarshaller())
          .setResponseMarshaller(new MsgMarshaller())
          .build();

  /** Largest message accepted, bytes. */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

  private Wire() {}

  private static final class MsgMarshaller implements MethodDescriptor.Marshaller<Msg> {
    @Override
    public InputStream stream(Msg value) {
      return new ByteArrayInputStream(value.encode());
    }

    @Override
    public Msg parse(InputStream stream) {
      return Msg.decode(stream);
    }
  }
}
