"""What a boto3 user does against the node (argv: endpoint access-key secret bucket); prints one line per check.

Run by S3ToolsIT with Debian's python3-boto3; exits non-zero on the first unexpected answer.
"""
import io
import os
import sys
import urllib.error
import urllib.request

import boto3
import botocore
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

endpoint, key, secret, b = sys.argv[1:5]


def client(sig):
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret,
                        region_name="us-east-1",
                        config=Config(s3={"addressing_style": "path"}, signature_version=sig))


s3 = client("s3v4")
s3.create_bucket(Bucket=b)
s3.put_object(Bucket=b, Key="a/b c.txt", Body=b"hello", Metadata={"k": "v"})
h = s3.head_object(Bucket=b, Key="a/b c.txt")
assert h["ContentLength"] == 5 and h["Metadata"] == {"k": "v"}, h
print("head ok")
data = os.urandom(12 * 1024 * 1024)
s3.upload_fileobj(io.BytesIO(data), b, "big",
                  Config=TransferConfig(multipart_threshold=5 << 20, multipart_chunksize=5 << 20))
buf = io.BytesIO()
s3.download_fileobj(b, "big", buf, Config=TransferConfig(multipart_threshold=4 << 20, multipart_chunksize=4 << 20))
assert buf.getvalue() == data
print("multipart upload and ranged parallel download ok")
assert s3.get_object(Bucket=b, Key="a/b c.txt", Range="bytes=1-3")["Body"].read() == b"ell"
s3.copy_object(Bucket=b, Key="copy", CopySource={"Bucket": b, "Key": "a/b c.txt"})
assert s3.get_object(Bucket=b, Key="copy")["Body"].read() == b"hello"
keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=b, PaginationConfig={"PageSize": 1})
        for o in page.get("Contents", [])]
assert keys == ["a/b c.txt", "big", "copy"], keys
print("range, copy, paged listing ok")
s3.put_object_tagging(Bucket=b, Key="copy", Tagging={"TagSet": [{"Key": "t", "Value": "1"}]})
assert s3.get_object_tagging(Bucket=b, Key="copy")["TagSet"] == [{"Key": "t", "Value": "1"}]
url = s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "copy"}, ExpiresIn=60)
assert urllib.request.urlopen(url).read() == b"hello"
print("tagging, presigned v4 ok")
try:
    s3.get_object(Bucket=b, Key="missing")
    sys.exit("missing object answered")
except botocore.exceptions.ClientError as e:
    assert e.response["Error"]["Code"] == "NoSuchKey", e.response
# boto3's legacy default for presigned URLs is Signature Version 2: refused as S3 refuses it where V2 is off
v2 = client("s3").generate_presigned_url("get_object", Params={"Bucket": b, "Key": "copy"}, ExpiresIn=60)
try:
    urllib.request.urlopen(v2)
    sys.exit("a V2 presigned URL was served")
except urllib.error.HTTPError as e:
    body = e.read().decode()
    assert e.code == 400 and "<Code>InvalidRequest</Code>" in body and "AWS4-HMAC-SHA256" in body, (e.code, body)
print("errors ok: NoSuchKey, V2 presign InvalidRequest")
r = s3.delete_objects(Bucket=b, Delete={"Objects": [{"Key": k} for k in ["a/b c.txt", "big", "copy"]]})
assert len(r.get("Deleted", [])) == 3, r
s3.delete_bucket(Bucket=b)
print("cleanup ok")
