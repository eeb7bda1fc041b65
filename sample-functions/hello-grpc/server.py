# A gRPC server on $PORT, plaintext HTTP/2 (h2c): Knative (and devserver) speak it to ports named h2c.
import os
from concurrent import futures

import grpc

import helloworld_pb2
import helloworld_pb2_grpc


class Greeter(helloworld_pb2_grpc.GreeterServicer):
    def SayHello(self, request, context):
        return helloworld_pb2.HelloReply(message="Hello, %s (from %s)" % (request.name, os.environ.get("K_REVISION", "?")))


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    helloworld_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    server.add_insecure_port("0.0.0.0:%s" % os.environ.get("PORT", "8080"))
    server.start()
    print("gRPC Greeter listening on port %s" % os.environ.get("PORT", "8080"), flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
